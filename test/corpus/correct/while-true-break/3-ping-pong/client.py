# client ping pong (boucle infinie + break)
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))

while True:
    message = input("saisir votre message : ")
    client.send(message.encode('utf-8'))
    data = client.recv(1024)
    print("Serveur répond :", data.decode('utf-8'))
    if message == 'fin':
        break

client.close()
