# Client ping-pong : quand on tape 'fin', on l'envoie et on s'arrête tout de suite
# (on ne lit pas la réponse du serveur à 'fin')
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345
connexion = True

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))
while connexion:
    message = input("saisir votre message : ")
    client.send(message.encode('utf-8'))
    if message == 'fin':
        connexion = False
    else:
        reponse = client.recv(1024)
        print("Serveur répond : " + reponse.decode('utf-8'))
client.close()
print("Au revoir")
