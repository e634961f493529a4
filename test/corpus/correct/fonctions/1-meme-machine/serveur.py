# Serveur exercice 1 découpé en fonctions
import socket


def demarrer(ip, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((ip, port))
    s.listen(5)
    print("Serveur démarré. En attente de connexion !")
    return s


def repondre(conn, adresse):
    message = conn.recv(1024).decode('utf-8')
    print("Client a écrit : " + message)
    conn.send(("OK, message reçu depuis l'adresse {}:{}".format(adresse[0], adresse[1])).encode('utf-8'))


def main():
    ip_serveur = '127.0.0.1'
    port_serveur = 12345
    serveur = demarrer(ip_serveur, port_serveur)
    conn, adresse = serveur.accept()
    print("Connexion avec client d'adresse IP: {}:{}".format(adresse[0], adresse[1]))
    repondre(conn, adresse)
    conn.close()
    serveur.close()


if __name__ == '__main__':
    main()
