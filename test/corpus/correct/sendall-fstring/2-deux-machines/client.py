# Client exercice 2
import socket

ip_serveur = '10.0.0.12'   # adresse du PC du voisin
port_serveur = 12345

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))
ip, port = client.getsockname()
print(f"Je suis {ip}:{port}")
message = input("saisir votre message : ")
client.sendall(message.encode('utf-8'))
reponse = client.recv(1024).decode('utf-8')
print(f"Serveur répond : {reponse}")
client.close()
