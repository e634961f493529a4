# Le client vise la machine du voisin par son nom.
import socket

ip_serveur = 'pc-voisin'
port_serveur = 12345

client = socket.create_connection((ip_serveur, port_serveur))
print("Connecté depuis", client.getsockname())
message = input("saisir votre message : ")
client.sendall(message.encode())
print("Serveur répond :", client.recv(1024).decode())
client.close()
exit()
