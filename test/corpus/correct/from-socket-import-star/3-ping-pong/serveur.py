# Serveur ping-pong
from socket import *

ip_serveur = ''
port_serveur = 12345
connexion = True

serveur = socket(AF_INET, SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
client, adresse = serveur.accept()
print("Connexion avec client d'adresse IP:", adresse)
while connexion:
    message = client.recv(1024).decode()
    if message == '':
        connexion = False   # le client est parti
    else:
        print("Client a écrit :", message)
        client.send(message.encode())
        if message == 'fin':
            connexion = False
client.close()
serveur.close()
