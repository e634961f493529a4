# Serveur (exercice 1) écrit avec "with" : les sockets sont fermés automatiquement
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345

with socket.socket() as serveur:
    serveur.bind((ip_serveur, port_serveur))
    serveur.listen(5)
    print("Serveur démarré. En attente de connexion !")
    connexion, adresse = serveur.accept()
    with connexion:
        print("Connexion avec client d'adresse IP: %s:%d" % adresse)
        donnees = connexion.recv(1024)
        print("Client a écrit : %s" % donnees.decode('utf-8'))
        connexion.send(("OK, message reçu depuis l'adresse %s:%d" % adresse).encode('utf-8'))
