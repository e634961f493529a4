# Exercice 3 : communication ping-pong -- programme CLIENT
# Le client envoie les messages saisis au clavier, le serveur les renvoie.
# Saisir 'fin' pour arrêter la communication.
import socket

ip_serveur = '127.0.0.1'   # à remplacer par l'adresse IP de la machine du voisin
port_serveur = 12345
connexion = True           # passe à False quand on a envoyé 'fin'

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip_serveur, port_serveur))

adresse_client = client.getsockname()
print("Client connecté depuis l'adresse " + adresse_client[0] + ":" + str(adresse_client[1]))

while connexion:
    message = input("saisir votre message : ")
    client.send(message.encode('utf-8'))
    # on attend la réponse avant de saisir le message suivant
    reponse = client.recv(1024)
    print("Serveur répond : " + reponse.decode('utf-8'))
    # 'fin' a été envoyé (et sa réponse lue) : on arrête
    if message == 'fin':
        connexion = False

client.send("au revoir".encode('utf-8'))
client.close()
