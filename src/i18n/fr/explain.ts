// `--explain ID`: what each check does, why it matters in the lab, the usual fixes (French, the
// default; written for 15–17 year-olds). Same keys as ../en/explain.ts.

type ExchangeCheck =
  | `serveur-${'ecoute' | 'recoit' | 'repond' | 'termine'}`
  | `client-${'connecte' | 'envoie' | 'affiche' | 'termine'}`
  | `paire-${'port' | 'echange'}`;
/** The keys exchange() defines: typed, so that the catalogue's key list (and its duplicates) is known at compile time. */
export type ExchangeKey<E extends 'ex1' | 'ex2'> = `check.${E}.${ExchangeCheck}.${'what' | 'why' | 'fix'}`;

/** Parts 1 and 2 share their exchange checks; part 2 sends a typed message with accents. */
function exchange<E extends 'ex1' | 'ex2'>(ex: E): Record<ExchangeKey<E>, string> {
  const p = `check.${ex}`;
  const msg = ex === 'ex1' ? '« Hello, serveur ! »' : '« Bonjour à toi, ça va ? » (avec des accents)';
  return {
    [`${p}.serveur-ecoute.what`]: 'Le vérificateur lance ton serveur.py et attend qu’il soit prêt à recevoir des connexions, c’est-à-dire qu’il ait appelé bind() puis listen() sans erreur.',
    [`${p}.serveur-ecoute.why`]: 'Un serveur qui n’écoute pas ne peut recevoir aucun client : c’est la toute première étape du TP, toutes les autres en dépendent.',
    [`${p}.serveur-ecoute.fix`]: 'Vérifie l’ordre : serveur = socket.socket(...), puis serveur.bind((ip, port)) avec UN SEUL argument (un couple entre parenthèses), puis serveur.listen(5). Si le port est déjà utilisé, arrête l’ancien serveur dans Thonny (bouton Stop).',
    [`${p}.serveur-recoit.what`]: `Le vérificateur se connecte à ton serveur comme un client, envoie ${msg} et regarde si ton serveur accepte la connexion (accept), lit le message (recv) et l’affiche avec print.`,
    [`${p}.serveur-recoit.why`]: 'C’est le cœur du TP : le serveur doit accepter un client et lire ce qu’il envoie. L’affichage permet de répondre aux questions du TP (qui a écrit quoi, depuis quelle adresse).',
    [`${p}.serveur-recoit.fix`]: 'Utilise le socket renvoyé par accept() : client, adresse = serveur.accept(), puis donnees = client.recv(1024) (pas serveur.recv). Affiche le texte décodé : print(donnees.decode()).',
    [`${p}.serveur-repond.what`]: 'Après avoir envoyé son message, le vérificateur attend une réponse non vide de ton serveur.',
    [`${p}.serveur-repond.why`]: 'Un échange réseau va dans les deux sens : le client attend une réponse, et reste bloqué dans recv() s’il n’en reçoit jamais.',
    [`${p}.serveur-repond.fix`]: 'Avant de fermer, envoie une réponse au client avec client.send(reponse.encode()) — sur le socket du client, pas sur celui du serveur.',
    [`${p}.serveur-termine.what`]: 'Le vérificateur attend que ton serveur ferme la connexion puis se termine tout seul, avec le code 0 (sans erreur).',
    [`${p}.serveur-termine.why`]: 'Un programme qui ne ferme pas ses sockets ou ne s’arrête pas bloque le port : au prochain lancement, tu obtiens « Address already in use ».',
    [`${p}.serveur-termine.fix`]: 'Termine par client.close() puis serveur.close(). N’ajoute pas de boucle sans fin autour de accept() dans cet exercice, et évite exit(1).',
    [`${p}.client-connecte.what`]: 'Le vérificateur lance ton client.py face à un faux serveur et regarde s’il se connecte (connect). Il affiche l’adresse visée et le port éphémère choisi par ton client.',
    [`${p}.client-connecte.why`]: 'Sans connexion, aucun message ne peut partir. Le port éphémère affiché répond à une question du TP : le client reçoit un port au hasard, le serveur garde le sien.',
    [`${p}.client-connecte.fix`]: 'Écris client.connect((ip_serveur, port_serveur)) avec UN SEUL argument : un couple entre parenthèses. Le port doit être un nombre (12345), pas un texte (\'12345\').',
    [`${p}.client-envoie.what`]: 'Une fois connecté, ton client doit envoyer un message non vide au serveur.',
    [`${p}.client-envoie.why`]: 'Le serveur attend un message dans recv() : si le client n’envoie rien, les deux programmes s’attendent l’un l’autre.',
    [`${p}.client-envoie.fix`]: 'Envoie le message en octets : client.send(message.encode()). send() n’accepte pas une chaîne (str) : sans .encode(), Python lève une TypeError.',
    [`${p}.client-affiche.what`]: 'Le faux serveur répond « OK, message reçu depuis l’adresse ... » ; ton client doit afficher ce texte décodé, pas b\'...\'.',
    [`${p}.client-affiche.why`]: 'recv() renvoie des octets (bytes). Afficher b\'OK...\' montre que la conversion en texte a été oubliée ; avec des accents, le texte devient illisible.',
    [`${p}.client-affiche.fix`]: 'Décode avant d’afficher : reponse = client.recv(1024).decode() puis print("Serveur répond :", reponse).',
    [`${p}.client-termine.what`]: 'Après avoir affiché la réponse, ton client doit fermer sa connexion et se terminer avec le code 0.',
    [`${p}.client-termine.why`]: 'La fermeture prévient le serveur que l’échange est fini ; un client qui reste ouvert le laisse bloqué.',
    [`${p}.client-termine.fix`]: 'Termine par client.close(). Ne rappelle pas recv() une deuxième fois : s’il n’y a plus rien à lire, le client attendrait pour toujours.',
    [`${p}.paire-port.what`]: 'Le vérificateur lance TON serveur et TON client ensemble, et vérifie que le client vise le port sur lequel le serveur écoute, tel qu’il est écrit dans tes deux fichiers.',
    [`${p}.paire-port.why`]: 'Un client et un serveur ne se trouvent que s’ils utilisent le même port : sinon la connexion est refusée (ConnectionRefusedError).',
    [`${p}.paire-port.fix`]: 'Compare port_serveur dans client.py et le port de bind() dans serveur.py : ce doit être le même nombre (12345 dans le TP).',
    [`${p}.paire-echange.what`]: 'Ton client et ton serveur, lancés ensemble, doivent réaliser l’échange complet : connexion, message, réponse, fermeture. Le rapport montre l’adresse et le port de chacun.',
    [`${p}.paire-echange.why`]: 'C’est ce que tu fais en classe en lançant les deux programmes : cette vérification montre que tes deux fichiers fonctionnent ensemble, pas seulement chacun de son côté.',
    [`${p}.paire-echange.fix`]: 'Si les vérifications du serveur et du client réussissent mais pas celle-ci, regarde l’échange affiché : qui attend quoi ? Souvent, l’un fait recv() pendant que l’autre fait aussi recv().',
  } as Record<ExchangeKey<E>, string>;
}

export const explain = {
  ...exchange('ex1'),
  ...exchange('ex2'),
  'check.ex2.serveur-toutes-interfaces.what': 'Le vérificateur regarde l’adresse passée à bind() : \'\', \'0.0.0.0\' (toutes les interfaces) ou l’adresse de ta machine sur le réseau sont acceptées ; \'127.0.0.1\' ou \'localhost\' sont refusées.',
  'check.ex2.serveur-toutes-interfaces.why': '127.0.0.1 est l’adresse de « boucle locale » : seule ta propre machine peut s’y connecter. La machine du voisin ne pourra jamais joindre ton serveur.',
  'check.ex2.serveur-toutes-interfaces.fix': 'Écris serveur.bind((\'\', 12345)) ou serveur.bind((\'0.0.0.0\', 12345)).',
  'check.ex2.client-adresse-voisin.what': 'Le vérificateur regarde l’adresse visée par connect() : ce doit être celle d’une autre machine (par exemple 192.168.1.73), pas 127.0.0.1. Rien n’est envoyé sur le vrai réseau : le vérificateur redirige la connexion.',
  'check.ex2.client-adresse-voisin.why': 'Dans la partie 2, ton client parle au serveur de ton voisin : il doit viser l’adresse IP de sa machine.',
  'check.ex2.client-adresse-voisin.fix': 'Demande à ton voisin son adresse IP (commande ipconfig sous Windows, ip a sous Linux) et mets-la dans ip_serveur, entre guillemets : ip_serveur = \'192.168.1.73\'.',
  'check.ex2.client-message-saisi.what': 'Le vérificateur tape « Bonjour à toi, ça va ? » quand ton client appelle input(), et vérifie que ce sont exactement ces octets, en UTF-8, qui partent vers le serveur.',
  'check.ex2.client-message-saisi.why': 'Le message ne doit plus être écrit dans le programme : c’est l’utilisateur qui le choisit. Les accents vérifient que l’encodage est le même des deux côtés.',
  'check.ex2.client-message-saisi.fix': 'Écris message = input("saisir votre message") puis client.send(message.encode(\'utf-8\')). N’envoie pas un texte fixe, et n’ajoute rien au message.',

  'check.ex3.serveur-echo.what': 'Le vérificateur se connecte, envoie plusieurs messages l’un après l’autre (dont un avec des accents) sur la MÊME connexion, et vérifie que chaque réponse est exactement le message reçu.',
  'check.ex3.serveur-echo.why': 'C’est le principe du ping-pong : le serveur renvoie ce qu’il reçoit, tant que le client ne dit pas « fin ». Une seule connexion sert à tout l’échange.',
  'check.ex3.serveur-echo.fix': 'Mets recv, print et send dans une boucle while connexion:. Renvoie les octets reçus tels quels : client.send(donnees), sans les mettre en majuscules ni ajouter de texte.',
  'check.ex3.serveur-long-message.what': 'Le vérificateur envoie un message de plusieurs centaines d’octets et vérifie qu’il revient entier.',
  'check.ex3.serveur-long-message.why': 'recv(n) lit au plus n octets : avec un n trop petit, un long message est coupé et la suite arrive dans les réponses suivantes, tout est décalé.',
  'check.ex3.serveur-long-message.fix': 'Lis avec recv(1024) (ou plus), comme dans le TP, pas recv(16).',
  'check.ex3.serveur-affiche.what': 'Le vérificateur regarde si ton serveur affiche chaque message reçu.',
  'check.ex3.serveur-affiche.why': 'L’affichage permet de suivre la conversation côté serveur, comme dans le TP.',
  'check.ex3.serveur-affiche.fix': 'Dans la boucle, après recv : print("Client a écrit :", donnees.decode()).',
  'check.ex3.serveur-fin.what': 'Le vérificateur envoie « fin » : ton serveur doit répondre « fin », fermer la connexion et se terminer avec le code 0.',
  'check.ex3.serveur-fin.why': '« fin » est le signal convenu pour arrêter la conversation proprement, des deux côtés.',
  'check.ex3.serveur-fin.fix': 'Après avoir renvoyé le message, teste-le : if donnees.decode() == \'fin\': connexion = False. Après la boucle : client.close() et serveur.close().',
  'check.ex3.serveur-depart-sans-fin.what': 'Bonus : le vérificateur se connecte, envoie un message puis part sans dire « fin ». Ton serveur ne doit ni planter ni tourner en boucle à 100 % du processeur.',
  'check.ex3.serveur-depart-sans-fin.why': 'Quand le client part, recv() renvoie b\'\' (zéro octet) à chaque appel : sans test, la boucle tourne sans fin et occupe tout le processeur.',
  'check.ex3.serveur-depart-sans-fin.fix': 'Juste après recv : if not donnees: break (le client est parti).',
  'check.ex3.client-boucle.what': 'Le vérificateur tape plusieurs lignes, une à chaque input(), et vérifie que chacune part comme un message séparé, dans l’ordre, sur la même connexion.',
  'check.ex3.client-boucle.why': 'Le client ping-pong discute : il doit pouvoir envoyer plusieurs messages sans se reconnecter.',
  'check.ex3.client-boucle.fix': 'Ajoute connexion = True après port_serveur, puis une boucle while connexion: qui contient input, send, recv et print. Le connect() reste AVANT la boucle.',
  'check.ex3.client-attend-reponse.what': 'Le vérificateur vérifie que ton client attend la réponse du serveur avant de redemander une ligne avec input().',
  'check.ex3.client-attend-reponse.why': 'Dans un ping-pong, chacun parle à son tour. Un client qui n’attend pas mélange les réponses et les messages.',
  'check.ex3.client-attend-reponse.fix': 'Dans la boucle, l’ordre est : input, send, recv, print. Un seul input() par tour de boucle.',
  'check.ex3.client-affiche.what': 'Le vérificateur regarde si ton client affiche chaque réponse du serveur, décodée (pas b\'...\').',
  'check.ex3.client-affiche.why': 'L’utilisateur doit voir la réponse du serveur à chaque message.',
  'check.ex3.client-affiche.fix': 'print("Serveur répond :", client.recv(1024).decode()).',
  'check.ex3.client-fin.what': 'Le vérificateur tape « fin » : ton client doit l’envoyer, ne plus rien envoyer ensuite, fermer la connexion et se terminer avec le code 0. Lire la réponse « fin » avant de fermer est permis.',
  'check.ex3.client-fin.why': 'Le serveur attend « fin » pour s’arrêter : un client qui part sans l’envoyer, ou qui continue après, le laisse dans un état incorrect.',
  'check.ex3.client-fin.fix': 'Dans la boucle, après l’envoi : if message == \'fin\': connexion = False. Après la boucle : client.close().',

  'check.ex4.serveur-plusieurs-clients.what': 'Le vérificateur connecte trois clients en même temps, dont un qui ne dit jamais rien, et vérifie que ton serveur les accepte tous et que le client muet ne bloque pas les autres.',
  'check.ex4.serveur-plusieurs-clients.why': 'Un relais de discussion sert plusieurs personnes à la fois. Un serveur qui attend le message d’un client avant d’accepter le suivant bloque tout le monde.',
  'check.ex4.serveur-plusieurs-clients.fix': 'Après chaque accept(), lance un thread pour ce client : threading.Thread(target=gerer_client, args=(client,)).start(), dans une boucle while True autour de accept().',
  'check.ex4.serveur-relais.what': 'Le vérificateur envoie un message depuis un client et vérifie qu’il arrive, octet pour octet, chez chacun des autres clients connectés.',
  'check.ex4.serveur-relais.why': 'C’est le rôle du relais : transmettre à tous ce que chacun écrit.',
  'check.ex4.serveur-relais.fix': 'Garde une liste des clients connectés ; pour chaque message reçu, fais une boucle for c in clients: c.send(donnees).',
  'check.ex4.serveur-echo-expediteur.what': 'Le vérificateur regarde si l’expéditeur reçoit son propre message. Par défaut, les deux choix sont acceptés ; ton enseignant peut exiger l’un ou l’autre.',
  'check.ex4.serveur-echo-expediteur.why': 'Le serveur du TP renvoie le message à tout le monde, expéditeur compris : c’est pour cela que le client ping-pong fonctionne sans changement.',
  'check.ex4.serveur-echo-expediteur.fix': 'Si le renvoi est exigé, envoie à tous les clients ; s’il est interdit, saute l’expéditeur : if c is not client: c.send(donnees).',
  'check.ex4.serveur-depart.what': 'Un client part (avec ou sans « fin ») ; le vérificateur vérifie que le serveur continue et que les autres clients reçoivent toujours les messages.',
  'check.ex4.serveur-depart.why': 'Dans le serveur d’origine du TP, un client parti reste dans la liste : le prochain envoi vers lui échoue et fait tomber un autre client.',
  'check.ex4.serveur-depart.fix': 'Quand recv() renvoie b\'\', retire le client de la liste (clients.remove(client)) et ferme-le. Protège chaque send() par try/except OSError.',
  'check.ex4.serveur-sans-boucle-active.what': 'Après le départ d’un client, le vérificateur mesure le temps processeur de ton serveur pendant un court instant : il doit rester presque nul.',
  'check.ex4.serveur-sans-boucle-active.why': 'Quand un client part, recv() renvoie b\'\' immédiatement, à chaque appel : sans test, le thread tourne en boucle à 100 % du processeur et renvoie des messages vides.',
  'check.ex4.serveur-sans-boucle-active.fix': 'Dans le thread du client, juste après recv : if not donnees: break, puis retire ce client de la liste.',
  'check.ex4.serveur-retardataire.what': 'Un nouveau client se connecte après le début de la discussion ; le vérificateur vérifie qu’il reçoit les messages envoyés ensuite.',
  'check.ex4.serveur-retardataire.why': 'Dans une vraie discussion, on peut arriver en cours de route.',
  'check.ex4.serveur-retardataire.fix': 'Ajoute chaque nouveau client à la liste dès son accept(), et garde accept() dans une boucle while True.',
  'check.ex4.serveur-tous-partis.what': 'Tous les clients partent, puis de nouveaux arrivent : ton serveur doit toujours tourner et les accepter.',
  'check.ex4.serveur-tous-partis.why': 'Un serveur est fait pour durer : il ne doit pas s’arrêter parce que la salle s’est vidée un moment.',
  'check.ex4.serveur-tous-partis.fix': 'Ne quitte pas la boucle d’accept() quand la liste est vide, et ne mets pas de exit() dans le thread d’un client.',
  'check.ex4.client-relais.what': 'Le vérificateur lance le serveur relais de référence, ton client et un deuxième client qu’il pilote : ce que tu tapes doit arriver à l’autre, et ce que l’autre écrit doit s’afficher chez toi.',
  'check.ex4.client-relais.why': 'Le TP réutilise le client ping-pong tel quel avec le relais : cette vérification montre qu’il fonctionne dans une vraie discussion à plusieurs.',
  'check.ex4.client-relais.fix': 'Reprends ton client de 3-ping-pong : boucle while connexion:, input, send(message.encode()), recv, print(... .decode()), et « fin » pour arrêter.',
};
