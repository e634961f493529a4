import socket
serveurs = []
for port in range(20000, 21000):
    s = socket.socket()
    s.bind(("127.0.0.1", port))
    s.listen(5)
    serveurs.append(s)
