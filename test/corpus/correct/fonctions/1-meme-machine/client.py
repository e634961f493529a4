# Client exercice 1 découpé en fonctions
import socket


def envoyer(s, texte):
    s.send(texte.encode('utf-8'))
    return s.recv(1024).decode('utf-8')


def main():
    ip_serveur = '127.0.0.1'
    port_serveur = 12345
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((ip_serveur, port_serveur))
    print("Client : {}:{}".format(*s.getsockname()))
    print("Serveur répond : " + envoyer(s, "Hello, serveur !"))
    s.close()


if __name__ == '__main__':
    main()
