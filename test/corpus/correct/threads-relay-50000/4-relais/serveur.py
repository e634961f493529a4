# Serveur de discussion (relais) : un thread par client, port 50000
import socket
import threading

HOTE = '0.0.0.0'
PORT = 50000

connectes = {}               # socket -> adresse
verrou = threading.Lock()


def envoyer_a_tous(donnees):
    with verrou:
        morts = []
        for s in connectes:
            try:
                s.send(donnees)
            except OSError:
                morts.append(s)
        for s in morts:
            del connectes[s]
            s.close()


class ThreadClient(threading.Thread):
    def __init__(self, conn, adresse):
        threading.Thread.__init__(self, daemon=True)
        self.conn = conn
        self.adresse = adresse

    def run(self):
        while True:
            try:
                donnees = self.conn.recv(1024)
            except OSError:
                break
            if donnees == b'':
                break
            print(f"{self.adresse} : {donnees.decode('utf-8', 'replace')}")
            envoyer_a_tous(donnees)
        with verrou:
            connectes.pop(self.conn, None)
        self.conn.close()
        print(f"{self.adresse} est parti")


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind((HOTE, PORT))
serveur.listen()
print("Serveur démarré. En attente de connexion !")
while True:
    conn, adresse = serveur.accept()
    print("Connexion de", adresse)
    with verrou:
        connectes[conn] = adresse
    ThreadClient(conn, adresse).start()
