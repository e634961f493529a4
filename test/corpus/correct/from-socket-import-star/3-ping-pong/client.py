# Client ping-pong
from socket import *

ip_serveur = '127.0.0.1'
port_serveur = 12345
connexion = True

client = socket(AF_INET, SOCK_STREAM)
client.connect((ip_serveur, port_serveur))
while connexion:
    message = input("saisir votre message : ")
    client.send(message.encode())
    reponse = client.recv(1024).decode()
    print("Serveur répond :", reponse)
    if message == 'fin':
        connexion = False
client.close()
