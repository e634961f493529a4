# Variante du TP : ping-pong terminé par 'quit', sur le port 50000.
# Programme SERVEUR : il doit renvoyer au client le MÊME message, jusqu'au message 'quit'.
import socket

ip_serveur = ''
port_serveur = 50000
# TODO : créer une variable connexion qui vaut True

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur prêt sur le port " + str(port_serveur))

client, adresse = serveur.accept()
print("Nouveau client : " + adresse[0] + ":" + str(adresse[1]))

# TODO : dans une boucle while connexion: recevoir, afficher, renvoyer le même message,
# et mettre connexion à False après avoir répondu à 'quit'
donnees = client.recv(1024)
print("Reçu : " + donnees.decode('utf-8'))

client.close()
serveur.close()
