# Variante du TP (exemple d'un enseignant) : ping-pong terminé par 'quit', sur le port 50000.
# Programme CLIENT : envoie chaque ligne saisie, affiche la réponse ; 'quit' pour arrêter.
import socket

ip_serveur = '127.0.0.1'
port_serveur = 50000
connexion = True

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))
print("Connecté au serveur.")

while connexion:
    message = input("message ('quit' pour finir) : ")
    client.send(message.encode('utf-8'))
    reponse = client.recv(1024)
    print("Écho : " + reponse.decode('utf-8'))
    if message == 'fin':
        connexion = False

client.close()
