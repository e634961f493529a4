import sockett
serveur = sockett.socket()
