# Client exercice 1 avec socket.create_connection
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345

client = socket.create_connection((ip_serveur, port_serveur))
print("Adresse du client :", client.getsockname())
client.sendall("Hello, serveur !".encode('utf-8'))
print("Serveur répond :", client.recv(1024).decode('utf-8'))
client.close()
