# Serveur relais : chaque message est envoyé aux AUTRES clients seulement
# (l'expéditeur ne reçoit pas son propre message)
import socket
import threading

ip_serveur = ''
port_serveur = 12345
clients = []
verrou = threading.Lock()


def relayer(expediteur, donnees):
    with verrou:
        for c in list(clients):
            if c is not expediteur:
                try:
                    c.sendall(donnees)
                except OSError:
                    clients.remove(c)
                    c.close()


def gerer_client(conn, adresse):
    while True:
        try:
            donnees = conn.recv(1024)
        except OSError:
            break
        if not donnees:
            break
        print(adresse, ":", donnees.decode('utf-8', 'replace'))
        relayer(conn, donnees)
    with verrou:
        if conn in clients:
            clients.remove(conn)
    conn.close()
    print(adresse, "déconnecté")


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
while True:
    conn, adresse = serveur.accept()
    print("Connexion avec client d'adresse IP:", adresse)
    with verrou:
        clients.append(conn)
    threading.Thread(target=gerer_client, args=(conn, adresse), daemon=True).start()
