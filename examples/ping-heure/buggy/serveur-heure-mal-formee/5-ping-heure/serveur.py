# Exercice 5 (exemple d'un enseignant) : un petit protocole.
# Le client envoie des commandes ; le serveur répond :
#   'ping'  -> 'pong'
#   'heure' -> l'heure du serveur, au format HH:MM (par exemple 14:05)
#   autre   -> '?'
#   'fin'   -> 'fin', puis le serveur ferme la connexion et s'arrête.
import socket
import time

ip_serveur = ''
port_serveur = 12345
connexion = True

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")

client, adresse = serveur.accept()
print("Connexion avec " + adresse[0] + ":" + str(adresse[1]))

while connexion:
    donnees = client.recv(1024)
    if not donnees:
        connexion = False
    else:
        commande = donnees.decode('utf-8')
        print("Commande : " + commande)
        if commande == 'ping':
            reponse = 'pong'
        elif commande == 'heure':
            reponse = time.strftime('%Hh%M')
        elif commande == 'fin':
            reponse = 'fin'
            connexion = False
        else:
            reponse = '?'
        client.send(reponse.encode('utf-8'))

client.close()
serveur.close()
