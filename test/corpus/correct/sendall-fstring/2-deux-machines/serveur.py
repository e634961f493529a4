# Serveur exercice 2 : 0.0.0.0 = toutes les interfaces IPv4
import socket

ip_serveur = '0.0.0.0'
port_serveur = 12345

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print(f"Serveur démarré sur le port {port_serveur}. En attente de connexion !")
client, (ip_client, port_client) = serveur.accept()
print(f"Connexion avec client d'adresse IP: {ip_client}:{port_client}")
message = client.recv(1024).decode('utf-8')
print(f"Client a écrit : {message}")
client.sendall(f"OK, message reçu depuis l'adresse {ip_client}:{port_client}".encode('utf-8'))
client.close()
serveur.close()
