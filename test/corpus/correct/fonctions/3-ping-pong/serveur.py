# Serveur ping-pong découpé en fonctions
import socket

ip_serveur = ''
port_serveur = 12345


def echanger(conn):
    """Renvoie chaque message reçu ; renvoie False quand il faut s'arrêter."""
    donnees = conn.recv(1024)
    if not donnees:
        return False
    message = donnees.decode('utf-8')
    print("Client a écrit : " + message)
    conn.send(donnees)
    return message != 'fin'


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
conn, adresse = serveur.accept()
print("Connexion avec", adresse)
connexion = True
while connexion:
    connexion = echanger(conn)
conn.close()
serveur.close()
