# Exercice 5 : un petit protocole. Le serveur répond 'pong' à 'ping', l'heure (HH:MM) à 'heure',
# '?' à toute autre commande, et 'fin' à 'fin' avant de fermer la connexion et de s'arrêter.
import socket

ip_serveur = ''
port_serveur = 12345

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")

client, adresse = serveur.accept()
print("Connexion avec " + adresse[0] + ":" + str(adresse[1]))

# TODO : dans une boucle, recevoir une commande, l'afficher et envoyer la bonne réponse
# (import time et time.strftime('%H:%M') donnent l'heure)

client.close()
serveur.close()
