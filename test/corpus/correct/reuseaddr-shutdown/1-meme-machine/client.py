import socket

s = socket.socket()
s.connect(('localhost', 12345))
print("Mon adresse :", s.getsockname())
s.sendall("Hello, serveur !".encode())
s.shutdown(socket.SHUT_WR)
morceaux = []
while True:
    bout = s.recv(1024)
    if not bout:
        break
    morceaux.append(bout)
print("Serveur répond :", b"".join(morceaux).decode())
s.close()
