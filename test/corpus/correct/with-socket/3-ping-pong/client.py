# Client ping-pong avec "with"
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345
connexion = True

with socket.socket() as s:
    s.connect((ip_serveur, port_serveur))
    while connexion:
        message = input("saisir votre message : ")
        s.send(message.encode('utf-8'))
        reponse = s.recv(1024)
        print("Serveur répond :", reponse.decode('utf-8'))
        if message == "fin":
            connexion = False
