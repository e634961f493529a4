# Exercice 1 : client et serveur sur la même machine -- programme CLIENT
import socket

ip_serveur = '127.0.0.1'   # le serveur est sur la même machine
port_serveur = 12345       # le même port que celui du serveur

# Création du socket TCP (IPv4) et connexion au serveur
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))

# Adresse et port utilisés par le client (le port est choisi par le système)
adresse_client = client.getsockname()
print("Client connecté depuis l'adresse " + adresse_client[0] + ":" + str(adresse_client[1]))

# Envoi du message : le texte est encodé en octets (UTF-8)
message = "Hello, serveur !"
client.send(message.encode('utf-8'))

# Réception de la réponse du serveur, puis décodage en texte
reponse = client.recv(1024)
print("Serveur répond : " + reponse.decode('utf-8'))

# on continue d'écouter le serveur (boucle recopiée du ping-pong, sans condition d'arrêt)
while True:
    reponse = client.recv(1024)
    print("Serveur répond : " + reponse.decode('utf-8'))
client.close()
