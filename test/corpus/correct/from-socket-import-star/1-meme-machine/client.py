# Client - exercice 1
from socket import *

ip_serveur = '127.0.0.1'
port_serveur = 12345

client = socket(AF_INET, SOCK_STREAM)
client.connect((ip_serveur, port_serveur))
print("Mon adresse :", client.getsockname())
client.send("Hello, serveur !".encode())
reponse = client.recv(1024).decode()
print("Serveur répond :", reponse)
client.close()
