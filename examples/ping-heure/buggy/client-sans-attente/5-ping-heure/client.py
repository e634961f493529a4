# Erreur fréquente : le client envoie toutes ses commandes d'abord, et ne lit les réponses
# qu'ensuite (il ne les attend pas avant de demander la commande suivante).
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345
connexion = True

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))

while connexion:
    commande = input("commande : ")
    client.send(commande.encode('utf-8'))
    if commande == 'fin':
        connexion = False

reponses = client.recv(1024)
print("Réponses : " + reponses.decode('utf-8'))
client.close()
