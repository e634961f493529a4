import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345

s = socket.socket(family=socket.AF_INET, type=socket.SOCK_STREAM)
s.connect((ip_serveur, port_serveur))
print("IP et port du client :", s.getsockname())
s.send(bytes("Hello, serveur !", 'utf-8'))
data = s.recv(1024)
print("Serveur répond :", data.decode('utf-8'))
s.close()
