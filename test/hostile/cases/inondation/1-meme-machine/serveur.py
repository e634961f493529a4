import socket
serveur = socket.socket()
serveur.bind(("127.0.0.1", 12345))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
client, adresse = serveur.accept()
print("Client a écrit : " + client.recv(1024).decode())
paquet = b"x" * 65536
while True:
    client.sendall(paquet)
