# TP : Créer un réseau en Python
# Exercice 4 : deux clients et un serveur -- programme CLIENT
# TODO : le client de l'exercice 3 (ping-pong) peut être repris sans changement :
# copier ici le code de 3-ping-pong/client.py.
# (En attendant, voici le client de l'exercice 1, qui n'envoie qu'un message.)
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))

adresse_client = client.getsockname()
print("Client connecté depuis l'adresse " + adresse_client[0] + ":" + str(adresse_client[1]))

message = "Hello, serveur !"
client.send(message.encode('utf-8'))

reponse = client.recv(1024)
print("Serveur répond : " + reponse.decode('utf-8'))

client.close()
