# serveur ping pong (boucle infinie + break)
import socket

ip_serveur = ''
port_serveur = 12345

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
client, adresse = serveur.accept()
print("Connexion avec client d'adresse IP:", adresse)

while True:
    data = client.recv(1024)
    if not data:
        break
    print("Client a écrit :", data.decode('utf-8'))
    client.send(data)
    if data.decode('utf-8') == 'fin':
        break

client.close()
serveur.close()
