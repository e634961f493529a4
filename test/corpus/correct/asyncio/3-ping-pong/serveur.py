# Serveur ping-pong avec asyncio
import asyncio

ip_serveur = '127.0.0.1'
port_serveur = 12345


async def ping_pong(reader, writer):
    print("Connexion avec", writer.get_extra_info('peername'))
    connexion = True
    while connexion:
        donnees = await reader.read(1024)
        if not donnees:
            break
        message = donnees.decode('utf-8')
        print("Client a écrit :", message)
        writer.write(donnees)
        await writer.drain()
        if message == 'fin':
            connexion = False
    writer.close()
    await writer.wait_closed()
    termine.set()


async def main():
    global termine
    termine = asyncio.Event()
    serveur = await asyncio.start_server(ping_pong, ip_serveur, port_serveur)
    print("Serveur démarré. En attente de connexion !")
    async with serveur:
        await termine.wait()   # on s'arrête après la fin de la communication


asyncio.run(main())
