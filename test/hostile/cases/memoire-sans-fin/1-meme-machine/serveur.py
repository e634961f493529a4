morceaux = []
while True:
    morceaux.append(bytes(50_000_000))
