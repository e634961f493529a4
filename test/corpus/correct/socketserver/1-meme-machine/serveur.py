# Serveur exercice 1 avec le module socketserver : une seule requête puis arrêt
import socketserver

ip_serveur = '127.0.0.1'
port_serveur = 12345


class Gestionnaire(socketserver.BaseRequestHandler):
    def handle(self):
        ip, port = self.client_address
        print("Connexion avec client d'adresse IP: " + ip + ":" + str(port))
        donnees = self.request.recv(1024)
        print("Client a écrit : " + donnees.decode('utf-8'))
        reponse = "OK, message reçu depuis l'adresse " + ip + ":" + str(port)
        self.request.sendall(reponse.encode('utf-8'))


with socketserver.TCPServer((ip_serveur, port_serveur), Gestionnaire) as serveur:
    print("Serveur démarré. En attente de connexion !")
    serveur.handle_request()   # traite UN client puis on sort du with
