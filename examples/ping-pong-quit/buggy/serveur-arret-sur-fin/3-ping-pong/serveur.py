# Variante du TP (exemple d'un enseignant) : ping-pong terminé par 'quit', sur le port 50000.
# Programme SERVEUR : renvoie au client chaque message reçu, jusqu'au message 'quit'.
import socket

ip_serveur = ''            # toutes les interfaces
port_serveur = 50000
connexion = True

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur prêt sur le port " + str(port_serveur))

client, adresse = serveur.accept()
print("Nouveau client : " + adresse[0] + ":" + str(adresse[1]))

while connexion:
    donnees = client.recv(1024)
    if not donnees:
        print("Le client est parti.")
        connexion = False
    else:
        message = donnees.decode('utf-8')
        print("Reçu : " + message)
        client.send(donnees)
        if message == 'fin':
            connexion = False

print("Au revoir.")
client.close()
serveur.close()
