# Serveur exercice 1 avec socket.create_server (Python 3.8+)
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345

serveur = socket.create_server((ip_serveur, port_serveur))
print("Serveur démarré. En attente de connexion !")
client, adresse = serveur.accept()
print("Connexion avec client d'adresse IP:", adresse[0] + ":" + str(adresse[1]))
message = client.recv(1024).decode('utf-8')
print("Client a écrit :", message)
client.sendall(("OK, message reçu depuis l'adresse " + adresse[0] + ":" + str(adresse[1])).encode('utf-8'))
client.close()
serveur.close()
