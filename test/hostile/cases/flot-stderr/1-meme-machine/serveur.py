import sys
while True:
    sys.stderr.write("erreur ! " * 100 + "\n")
