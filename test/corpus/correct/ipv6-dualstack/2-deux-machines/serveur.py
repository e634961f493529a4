# Serveur exercice 2 en IPv6 : '::' = toutes les interfaces (IPv6 et IPv4)
import socket

ip_serveur = '::'
port_serveur = 12345

serveur = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
# accepter aussi les clients IPv4 (adresses de la forme ::ffff:192.168.1.10)
serveur.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
serveur.bind((ip_serveur, port_serveur))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
client, adresse = serveur.accept()
print("Connexion avec client d'adresse IP:", adresse[0], adresse[1])
message = client.recv(1024).decode('utf-8')
print("Client a écrit :", message)
client.send(("OK, message reçu depuis l'adresse " + adresse[0] + ":" + str(adresse[1])).encode('utf-8'))
client.close()
serveur.close()
