# Client ping-pong (sendall + f-strings)
import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345
connexion = True

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))
while connexion:
    message = input("saisir votre message : ")
    client.sendall(message.encode('utf-8'))
    reponse = client.recv(2048).decode('utf-8')
    print(f"Serveur répond : {reponse}")
    if message == "fin":
        connexion = False
client.close()
print("Connexion fermée")
