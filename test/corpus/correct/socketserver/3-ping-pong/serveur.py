# Serveur ping-pong avec socketserver
import socketserver

port_serveur = 12345


class PingPong(socketserver.BaseRequestHandler):
    def handle(self):
        print("Connexion avec", self.client_address)
        connexion = True
        while connexion:
            donnees = self.request.recv(1024)
            if not donnees:
                return
            message = donnees.decode('utf-8')
            print("Client a écrit :", message)
            self.request.sendall(donnees)
            if message == 'fin':
                connexion = False


serveur = socketserver.TCPServer(('', port_serveur), PingPong)
print("Serveur démarré. En attente de connexion !")
serveur.handle_request()
serveur.server_close()
