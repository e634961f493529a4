# TP : Créer un réseau en Python
# Exercice 2 : client et serveur sur deux machines différentes -- programme CLIENT
import socket

# Adresse IP de la machine du voisin (relevée avec la commande ipconfig)
ip_serveur = '192.168.1.73'
port_serveur = 12345

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))

adresse_client = client.getsockname()
print("Client connecté depuis l'adresse " + adresse_client[0] + ":" + str(adresse_client[1]))

# Le message n'est plus écrit dans le programme : on le saisit au clavier
message = input("saisir votre message : ")
client.send(message.encode('latin-1'))

reponse = client.recv(1024)
print("Serveur répond : " + reponse.decode('utf-8'))

client.close()
