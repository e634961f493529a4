# TP : Créer un réseau en Python
# Exercice 2 : client et serveur sur deux machines différentes -- programme SERVEUR
import socket

# '' veut dire « toutes les interfaces » : le serveur accepte les connexions
# venant du réseau (la machine du voisin), pas seulement de la machine elle-même.
# Avec '127.0.0.1', seul un client sur la même machine pourrait se connecter.
ip_serveur = ''
port_serveur = 12345

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")

client, adresse = serveur.accept()
ip_client = adresse[0]
port_client = adresse[1]
print("Connexion avec client d'adresse IP: " + ip_client + ":" + str(port_client))

donnees = client.recv(1024)
message = donnees.decode('utf-8')
print("Client a écrit : " + message)

reponse = "OK, message reçu depuis l'adresse " + ip_client + ":" + str(port_client)
client.send(reponse.encode('utf-8'))

client.close()
serveur.close()
