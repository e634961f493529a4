# Client (exercice 1) écrit avec "with"
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345

with socket.socket() as s:
    s.connect((ip_serveur, port_serveur))
    print("Client : %s:%d" % s.getsockname())
    s.send(b"Hello, serveur !")
    reponse = s.recv(1024)
    print("Serveur répond : %s" % reponse.decode('utf-8'))
