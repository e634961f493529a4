# Serveur ping-pong avec asyncio, sur 'localhost' (IPv4 et IPv6).
import asyncio

fini = None


async def echo(reader, writer):
    while True:
        donnees = await reader.read(1024)
        if not donnees:
            break
        print("Client a écrit :", donnees.decode())
        writer.write(donnees)
        await writer.drain()
        if donnees == b'fin':
            break
    writer.close()
    fini.set()


async def main():
    global fini
    fini = asyncio.Event()
    serveur = await asyncio.start_server(echo, 'localhost', 12345)
    print("Serveur démarré. En attente de connexion !")
    async with serveur:
        await fini.wait()


asyncio.run(main())
