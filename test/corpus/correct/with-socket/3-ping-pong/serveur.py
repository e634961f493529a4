# Serveur ping-pong avec "with"
import socket

ip_serveur = ''
port_serveur = 12345
connexion = True

with socket.socket() as serveur:
    serveur.bind((ip_serveur, port_serveur))
    serveur.listen(1)
    print("Serveur démarré. En attente de connexion !")
    conn, adresse = serveur.accept()
    with conn:
        print("Connexion avec", adresse)
        while connexion:
            donnees = conn.recv(1024)
            if not donnees:
                break
            print("Client a écrit :", donnees.decode('utf-8'))
            conn.send(donnees)
            if donnees == b'fin':
                connexion = False
