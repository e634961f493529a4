# Variante du TP : ping-pong terminé par 'quit', sur le port 50000.
# Programme CLIENT : envoyer chaque ligne saisie et afficher la réponse ; 'quit' pour arrêter.
import socket

ip_serveur = '127.0.0.1'
port_serveur = 50000
# TODO : créer une variable connexion qui vaut True

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))
print("Connecté au serveur.")

# TODO : dans une boucle while connexion: saisir, envoyer, recevoir et afficher la réponse,
# et mettre connexion à False après 'quit'
message = input("message ('quit' pour finir) : ")
client.send(message.encode('utf-8'))

client.close()
