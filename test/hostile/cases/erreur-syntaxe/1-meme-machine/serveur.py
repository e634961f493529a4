import socket
serveur = socket.socket(
serveur.bind(("127.0.0.1", 12345))
