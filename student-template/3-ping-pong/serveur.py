# TP : Créer un réseau en Python
# Exercice 3 : communication ping-pong -- programme SERVEUR
# Le serveur doit renvoyer au client le MÊME message, jusqu'au message 'fin'.
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345
# TODO : créer ici une variable booléenne connexion qui vaut True

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")

client, adresse = serveur.accept()
print("Connexion avec client d'adresse IP: " + adresse[0] + ":" + str(adresse[1]))

# TODO : placer l'échange de données ci-dessous dans une boucle  while connexion:
donnees = client.recv(1024)
message = donnees.decode('utf-8')
print("Client a écrit : " + message)
# TODO : renvoyer au client le même message (ping-pong) au lieu de cette réponse
reponse = "OK, message reçu depuis l'adresse " + adresse[0] + ":" + str(adresse[1])
client.send(reponse.encode('utf-8'))
# TODO : si le message reçu est 'fin', après avoir répondu, mettre connexion à False

client.close()
serveur.close()
