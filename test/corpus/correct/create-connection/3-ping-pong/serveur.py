# Serveur ping-pong avec socket.create_server
import socket

port_serveur = 12345
connexion = True

serveur = socket.create_server(('', port_serveur))
print("Serveur démarré. En attente de connexion !")
client, adresse = serveur.accept()
print("Connexion avec", adresse)
while connexion:
    donnees = client.recv(4096)
    if donnees == b'':
        connexion = False
    else:
        print("Client a écrit :", donnees.decode('utf-8'))
        client.sendall(donnees)
        if donnees.decode('utf-8') == 'fin':
            connexion = False
client.close()
serveur.close()
