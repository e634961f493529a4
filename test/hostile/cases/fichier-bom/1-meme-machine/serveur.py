# TP : Créer un réseau en Python
# Exercice 1 : client et serveur sur la même machine -- programme SERVEUR
import socket

ip_serveur = '127.0.0.1'   # adresse de boucle locale : la machine elle-même (localhost)
port_serveur = 12345       # port sur lequel le serveur écoute

# Création du socket TCP (IPv4)
serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# On attache le socket à l'adresse et au port, puis on écoute
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")

# accept() attend qu'un client se connecte
client, adresse = serveur.accept()
ip_client = adresse[0]
port_client = adresse[1]
print("Connexion avec client d'adresse IP: " + ip_client + ":" + str(port_client))

# Réception du message du client (au plus 1024 octets), puis décodage en texte
donnees = client.recv(1024)
message = donnees.decode('utf-8')
print("Client a écrit : " + message)

# Réponse au client : le texte doit être encodé en octets avant l'envoi
reponse = "OK, message reçu depuis l'adresse " + ip_client + ":" + str(port_client)
client.send(reponse.encode('utf-8'))

# Fin de la communication : on ferme la connexion puis le serveur
client.close()
serveur.close()
