# Le serveur écoute sur l'adresse de la machine sur le réseau (pas la boucle locale).
import socket

ip_serveur = socket.gethostbyname(socket.gethostname())
port_serveur = 12345

serveur = socket.socket()
serveur.bind((ip_serveur, port_serveur))
serveur.listen(1)
print("Serveur démarré sur", ip_serveur, ". En attente de connexion !")
client, adresse = serveur.accept()
print("Connexion avec client d'adresse IP:", adresse)
message = client.recv(1024).decode('utf-8')
print("Client a écrit :", message)
client.send(("OK, message reçu depuis l'adresse %s:%d" % adresse).encode('utf-8'))
client.close()
serveur.close()
