# TP : Créer un réseau en Python
# Exercice 3 : communication ping-pong -- programme CLIENT
# Le client envoie les messages saisis au clavier ; 'fin' arrête la communication.
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345
# TODO : créer ici une variable booléenne connexion qui vaut True

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))

adresse_client = client.getsockname()
print("Client connecté depuis l'adresse " + adresse_client[0] + ":" + str(adresse_client[1]))

# TODO : placer l'échange de données ci-dessous dans une boucle  while connexion:
message = input("saisir votre message : ")
client.send(message.encode('utf-8'))
reponse = client.recv(1024)
print("Serveur répond : " + reponse.decode('utf-8'))
# TODO : si le message envoyé est 'fin', mettre connexion à False

client.close()
