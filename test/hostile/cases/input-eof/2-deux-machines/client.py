import socket
prenom = input("ton prénom ? ")
message = input("saisir votre message")
encore = input("encore ? ")
client = socket.socket()
client.connect(("192.168.1.73", 12345))
client.send(message.encode())
