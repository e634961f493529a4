# Serveur - exercice 1
from socket import *

ip_serveur = '127.0.0.1'
port_serveur = 12345

serveur = socket(AF_INET, SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
client, adresse = serveur.accept()
print("Connexion avec client d'adresse IP:", adresse[0], ":", adresse[1])
message = client.recv(1024).decode()
print("Client a écrit :", message)
client.send(("OK, message reçu depuis l'adresse " + str(adresse[0]) + ":" + str(adresse[1])).encode())
client.close()
serveur.close()
