# Serveur relais avec asyncio : une tâche par client, pas de thread
import asyncio

port_serveur = 12345
clients = set()


async def gerer_client(reader, writer):
    adresse = writer.get_extra_info('peername')
    print("Connexion avec", adresse)
    clients.add(writer)
    try:
        while True:
            donnees = await reader.read(1024)
            if not donnees:
                break
            print(adresse, "a écrit :", donnees.decode('utf-8', 'replace'))
            for w in list(clients):
                try:
                    w.write(donnees)
                    await w.drain()
                except (ConnectionError, OSError):
                    clients.discard(w)
    except (ConnectionError, OSError):
        pass
    finally:
        clients.discard(writer)
        writer.close()
        print("Client parti :", adresse)


async def main():
    serveur = await asyncio.start_server(gerer_client, '0.0.0.0', port_serveur)
    print("Serveur démarré. En attente de connexion !")
    async with serveur:
        await serveur.serve_forever()


asyncio.run(main())
