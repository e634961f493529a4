import socket

ip_serveur = '127.0.0.1'
port_serveur = 12345

s = socket.socket(family=socket.AF_INET, type=socket.SOCK_STREAM)
s.bind((ip_serveur, port_serveur))
s.listen(1)
print("Serveur démarré. En attente de connexion !")
conn, addr = s.accept()
print("Connexion avec client d'adresse IP:", addr[0], "port", addr[1])
data = conn.recv(1024)
print("Client a écrit :", data.decode('utf-8'))
conn.send(bytes("OK, message reçu depuis l'adresse " + addr[0] + ":" + str(addr[1]), 'utf-8'))
conn.close()
s.close()
