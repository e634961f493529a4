# Client de discussion : un thread affiche les messages reçus pendant qu'on tape les siens.
import socket
import threading

ip_serveur = '192.168.1.73'
port_serveur = 12345

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))


def recevoir():
    while True:
        try:
            donnees = client.recv(1024)
        except OSError:
            break
        if not donnees:
            break
        print("Reçu : " + donnees.decode('utf-8'))


threading.Thread(target=recevoir, daemon=True).start()

connexion = True
while connexion:
    message = input("saisir votre message : ")
    client.sendall(message.encode('utf-8'))
    if message == 'fin':
        connexion = False

client.close()
