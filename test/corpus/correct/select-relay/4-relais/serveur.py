# Serveur relais sans thread : select surveille tous les sockets à la fois
import socket
import select

ip_serveur = ''
port_serveur = 12345

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
sockets = [serveur]

while True:
    prets, _, _ = select.select(sockets, [], [])
    for s in prets:
        if s is serveur:
            client, adresse = serveur.accept()
            print("Connexion avec", adresse)
            sockets.append(client)
        elif s in sockets:
            try:
                donnees = s.recv(1024)
            except OSError:
                donnees = b''
            if not donnees:
                print("Un client est parti")
                sockets.remove(s)
                s.close()
                continue
            print("Reçu :", donnees.decode('utf-8', 'replace'))
            for autre in sockets[1:]:
                try:
                    autre.sendall(donnees)
                except OSError:
                    sockets.remove(autre)
                    autre.close()
