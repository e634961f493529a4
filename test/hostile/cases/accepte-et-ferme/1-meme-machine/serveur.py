import socket
serveur = socket.socket()
serveur.bind(("127.0.0.1", 12345))
serveur.listen(5)
print("Serveur démarré. En attente de connexion !")
client, adresse = serveur.accept()
client.close()
serveur.close()
