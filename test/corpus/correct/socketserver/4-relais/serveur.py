# Serveur relais avec socketserver.ThreadingTCPServer (un thread par client)
import socketserver
import threading

port_serveur = 12345
clients = []
verrou = threading.Lock()


class Relais(socketserver.BaseRequestHandler):
    def handle(self):
        print("Nouveau client :", self.client_address)
        with verrou:
            clients.append(self.request)
        try:
            while True:
                donnees = self.request.recv(1024)
                if not donnees:
                    break
                print(self.client_address, "a écrit :", donnees.decode('utf-8', 'replace'))
                with verrou:
                    for c in list(clients):
                        try:
                            c.sendall(donnees)
                        except OSError:
                            clients.remove(c)
        except OSError:
            pass
        finally:
            with verrou:
                if self.request in clients:
                    clients.remove(self.request)
            print("Client parti :", self.client_address)


class Serveur(socketserver.ThreadingTCPServer):
    daemon_threads = True


serveur = Serveur(('', port_serveur), Relais)
print("Serveur démarré. En attente de connexion !")
serveur.serve_forever()
