# Client ping-pong avec socket.create_connection
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345
connexion = True

client = socket.create_connection((ip_serveur, port_serveur))
while connexion:
    message = input("saisir votre message : ")
    client.sendall(message.encode('utf-8'))
    print("Serveur répond :", client.recv(4096).decode('utf-8'))
    if message == 'fin':
        connexion = False
client.close()
