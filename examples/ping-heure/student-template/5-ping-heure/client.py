# Exercice 5 : le client envoie les commandes saisies ('ping', 'heure', ...) et affiche chaque
# réponse ; 'fin' pour arrêter.
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))

# TODO : dans une boucle, saisir une commande, l'envoyer, recevoir et afficher la réponse ;
# arrêter après 'fin'

client.close()
