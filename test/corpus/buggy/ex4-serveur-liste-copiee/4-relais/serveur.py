# TP : Créer un réseau en Python
# Exercice 4 : deux clients et un serveur -- programme SERVEUR (serveur_5, corrigé)
# Chaque client est géré par un thread. Tout message reçu d'un client est
# renvoyé à TOUS les clients connectés (l'expéditeur compris : ainsi le client
# ping-pong reçoit bien une réponse à chaque message).
# Arrêter le serveur : CTRL + C (ou le bouton Stop de Thonny).
import socket
import threading

ip_serveur = ''            # toutes les interfaces
port_serveur = 12345

clients = []                  # sockets des clients connectés
verrou = threading.Lock()     # un seul thread à la fois modifie la liste


def diffuser(donnees, destinataires):
    """Envoie les données aux clients connectés."""
    with verrou:
        for c in list(destinataires):
            try:
                c.sendall(donnees)
            except OSError:
                # ce client a disparu : on le retire de la liste
                if c in destinataires:
                    destinataires.remove(c)


def gerer_client(c, adresse):
    """Reçoit les messages d'un client et les diffuse, jusqu'à son départ."""
    nom = adresse[0] + ":" + str(adresse[1])
    destinataires = None   # copie de la liste des clients, faite au premier message
    connexion = True
    while connexion:
        try:
            donnees = c.recv(1024)
        except OSError:
            donnees = b''
        if not donnees:
            # b'' : le client s'est déconnecté, on sort de la boucle
            connexion = False
        else:
            print(nom + " a écrit : " + donnees.decode('utf-8', errors='replace'))
            if destinataires is None:
                destinataires = clients.copy()
            diffuser(donnees, destinataires)
    # départ du client : on le retire de la liste et on ferme sa connexion
    with verrou:
        if c in clients:
            clients.remove(c)
    c.close()
    print("Déconnexion du client " + nom)


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")

# Le serveur tourne sans fin : il accepte les clients qui arrivent
while True:
    c, adresse = serveur.accept()
    print("Connexion avec client d'adresse IP: " + adresse[0] + ":" + str(adresse[1]))
    with verrou:
        clients.append(c)
    # un thread par client ; daemon=True pour que CTRL + C arrête tout
    t = threading.Thread(target=gerer_client, args=(c, adresse), daemon=True)
    t.start()
