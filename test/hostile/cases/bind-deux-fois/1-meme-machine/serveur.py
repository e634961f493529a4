import socket
a = socket.socket()
a.bind(("127.0.0.1", 12345))
b = socket.socket()
b.bind(("127.0.0.1", 12345))
b.listen(5)
