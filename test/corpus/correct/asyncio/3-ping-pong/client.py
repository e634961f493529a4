# Client ping-pong avec asyncio (input() est lancé dans un thread pour ne pas bloquer)
import asyncio

ip_serveur = '127.0.0.1'
port_serveur = 12345


async def main():
    reader, writer = await asyncio.open_connection(ip_serveur, port_serveur)
    loop = asyncio.get_running_loop()
    connexion = True
    while connexion:
        message = await loop.run_in_executor(None, input, "saisir votre message : ")
        writer.write(message.encode('utf-8'))
        await writer.drain()
        reponse = await reader.read(1024)
        print("Serveur répond :", reponse.decode('utf-8'))
        if message == 'fin':
            connexion = False
    writer.close()
    await writer.wait_closed()


asyncio.run(main())
