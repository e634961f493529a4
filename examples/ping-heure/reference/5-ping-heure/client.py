# Exercice 5 (exemple d'un enseignant) : le client envoie les commandes saisies
# ('ping', 'heure', ...) et affiche chaque réponse ; 'fin' pour arrêter.
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345
connexion = True

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))

while connexion:
    commande = input("commande : ")
    client.send(commande.encode('utf-8'))
    reponse = client.recv(1024)
    print("Réponse : " + reponse.decode('utf-8'))
    if commande == 'fin':
        connexion = False

client.close()
