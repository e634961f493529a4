# Client ping-pong découpé en fonctions
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345


def ping(s, message):
    s.send(message.encode('utf-8'))
    return s.recv(1024).decode('utf-8')


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((ip_serveur, port_serveur))
connexion = True
while connexion:
    message = input("saisir votre message : ")
    print("Serveur répond : " + ping(s, message))
    connexion = (message != 'fin')
s.close()
