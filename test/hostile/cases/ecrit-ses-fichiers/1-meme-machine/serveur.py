import os
with open("notes.txt", "w") as f:
    f.write("20/20")
with open("serveur.py", "a") as f:
    f.write("# modifié\n")
if os.path.exists("brouillon.txt"):
    os.remove("brouillon.txt")
import socket

ip_serveur = '127.0.0.1'   # adresse de boucle locale : la machine elle-même (localhost)
port_serveur = 12345       # port sur lequel le serveur écoute

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")

client, adresse = serveur.accept()
ip_client = adresse[0]
port_client = adresse[1]
print("Connexion avec client d'adresse IP: " + ip_client + ":" + str(port_client))

donnees = client.recv(1024)
message = donnees.decode('utf-8')
print("Client a écrit : " + message)

reponse = "OK, message reçu depuis l'adresse " + ip_client + ":" + str(port_client)
client.send(reponse.encode('utf-8'))

client.close()
serveur.close()
