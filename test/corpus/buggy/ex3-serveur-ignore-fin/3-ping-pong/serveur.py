# Exercice 3 : communication ping-pong -- programme SERVEUR
# Le serveur renvoie au client exactement le message reçu, jusqu'au message 'fin'.
import socket

ip_serveur = ''            # toutes les interfaces : le voisin peut se connecter
port_serveur = 12345
connexion = True           # passe à False quand la communication doit s'arrêter

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")

client, adresse = serveur.accept()
print("Connexion avec client d'adresse IP: " + adresse[0] + ":" + str(adresse[1]))

while connexion:
    donnees = client.recv(1024)
    message = donnees.decode('utf-8')
    print("Client a écrit : " + message)
    # ping-pong : on renvoie les mêmes octets au client
    client.send(donnees)

print("Fin de la communication.")
client.close()
serveur.close()
