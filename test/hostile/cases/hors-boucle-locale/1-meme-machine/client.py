import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.sendto(b"coucou", ("8.8.8.8", 53))
