import socket

ip_serveur = '192.168.1.12'
port_serveur = 12345

s = socket.socket(family=socket.AF_INET, type=socket.SOCK_STREAM)
s.connect((ip_serveur, port_serveur))
print("IP et port du client :", s.getsockname())
message = input("saisir votre message")
s.send(bytes(message, "utf-8"))
data = s.recv(1024)
print("Serveur répond :", data.decode('utf-8'))
s.close()
