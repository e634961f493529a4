# Client - exercice 2 : le serveur est sur la machine du voisin
from socket import *

ip_serveur = '192.168.1.73'
port_serveur = 12345

client = socket(AF_INET, SOCK_STREAM)
client.connect((ip_serveur, port_serveur))
print("Mon adresse :", client.getsockname())
message = input("saisir votre message : ")
client.send(message.encode())
reponse = client.recv(1024).decode()
print("Serveur répond :", reponse)
client.close()
