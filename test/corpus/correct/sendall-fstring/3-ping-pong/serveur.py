# Serveur ping-pong (sendall + f-strings)
import socket

ip_serveur = '0.0.0.0'
port_serveur = 12345
connexion = True

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
client, adresse = serveur.accept()
print(f"Connexion avec client d'adresse IP: {adresse[0]}:{adresse[1]}")
while connexion:
    donnees = client.recv(2048)
    if not donnees:
        print("Client déconnecté")
        break
    message = donnees.decode('utf-8')
    print(f"Client a écrit : {message}")
    client.sendall(donnees)
    if message == "fin":
        connexion = False
client.close()
serveur.close()
