// Parts 1 and 2 share one exchange (hello -> reply); part 2 adds checks on addresses and typed input.
// Written against the check API, as the checks are (lib/ imports its parts, not api.ts: no cycle).
import type { CheckDef, ScenarioDef } from '../../src/runner/types.js';
import { scenario } from './lab.js';
import { addr, type Peer, type Listening, type Connected } from './actors.js';
import {
  expectPrinted, expectClosedAndExit0, expectListensOnAllInterfaces, expectTargetsNeighbour, expectSomeData,
  expectTypedMessageSent, expectConnectsToServer, expectGotReply,
} from './verbs.js';
import { RELAY } from './deadlines.js';

const LAB_MESSAGE = 'Hello, serveur !';

export function exchangeChecks(ex: string, part2: boolean): CheckDef[] {
  const c = (name: string, role: CheckDef['role']): CheckDef => ({ id: `${ex}.${name}`, role, points: 1 });
  return [
    c('serveur-ecoute', 'serveur'),
    ...(part2 ? [c('serveur-toutes-interfaces', 'serveur')] : []),
    c('serveur-recoit', 'serveur'),
    c('serveur-repond', 'serveur'),
    c('serveur-termine', 'serveur'),
    c('client-connecte', 'client'),
    ...(part2 ? [c('client-adresse-voisin', 'client')] : []),
    c('client-envoie', 'client'),
    ...(part2 ? [c('client-message-saisi', 'client')] : []),
    c('client-affiche', 'client'),
    c('client-termine', 'client'),
    c('paire-port', 'pair'),
    c('paire-echange', 'pair'),
  ];
}

export function exchangeScenarios(ex: string, part2: boolean): ScenarioDef[] {
  const id = (name: string) => `${ex}.${name}`;
  const serveur = scenario({
    name: 'serveur',
    files: ['serveur.py'],
    checks: exchangeChecks(ex, part2).filter((c) => c.role === 'serveur').map((c) => c.id),
  }, async (lab) => {
    const message = part2 ? lab.config.messages.typed : LAB_MESSAGE;
    const srv = await lab.start('serveur.py');
    let listen!: Listening;
    await lab.step(id('serveur-ecoute'), async () => {
      listen = await srv.listens();
      return { address: addr(listen.host, listen.port) };
    });
    if (part2) lab.decide(id('serveur-toutes-interfaces'), () => expectListensOnAllInterfaces(listen), { address: addr(listen.host, listen.port) });
    let conn!: Peer;
    await lab.step(id('serveur-recoit'), async () => {
      conn = await lab.connect(listen.real);
      conn.send(message);
      await srv.receives();
      await expectPrinted(srv, message, 'ex.server-no-print');
      return { client: srv.firstClient ?? '?' };
    });
    await lab.step(id('serveur-repond'), async () => {
      const reply = await expectSomeData(conn, 'ex.no-reply', 'no-reply');
      return { reply: reply.toString('utf8') };
    });
    await lab.step(id('serveur-termine'), () => expectClosedAndExit0(srv, conn));
  });

  const client = scenario({
    name: 'client',
    files: ['client.py'],
    checks: exchangeChecks(ex, part2).filter((c) => c.role === 'client').map((c) => c.id),
  }, async (lab) => {
    const typed = lab.config.messages.typed;
    const server = await lab.listener();
    const cli = await lab.start('client.py', { connect: { '*': server.port }, lines: [typed] });
    let conn!: Peer;
    let connect!: Connected;
    await lab.step(id('client-connecte'), async () => {
      conn = await server.accepted(cli);
      connect = await cli.connects();
      return { target: addr(connect.host, connect.port), local: addr(connect.local?.[0], connect.local?.[1]) };
    });
    if (part2) lab.decide(id('client-adresse-voisin'), () => expectTargetsNeighbour(connect), { target: addr(connect.host, connect.port) });
    let sent!: Buffer;
    await lab.step(id('client-envoie'), async () => {
      sent = await expectSomeData(conn, 'ex.client-sent-nothing', 'no-send');
      return { message: sent.toString('utf8') };
    });
    if (part2) lab.decide(id('client-message-saisi'), () => expectTypedMessageSent(sent, typed, cli.linesAsked > 0));
    const local = connect.local ? addr(connect.local[0], connect.local[1]) : '?';
    const reply = `OK, message reçu depuis l'adresse ${local}`;
    // then close, as the lab's server does: a client that reads until the end of the stream
    // (shutdown, then recv until b'') gets its end
    conn.send(reply);
    conn.close();
    await lab.step(id('client-affiche'), () => expectPrinted(cli, reply, 'ex.client-no-print'));
    await lab.step(id('client-termine'), () => expectClosedAndExit0(cli, conn));
  });

  const pair = scenario({
    name: 'paire',
    files: ['serveur.py', 'client.py'],
    checks: [id('paire-port'), id('paire-echange')],
  }, async (lab) => {
    const srv = await lab.start('serveur.py', { recordSends: { to: 'client' } });
    const listen = await srv.listens();
    // The client reaches the server only on the port the server asked for, as on a real machine.
    const cli = await lab.start('client.py', {
      connect: { [String(listen.port)]: listen.real },
      lines: [lab.config.messages.typed],
      recordSends: { to: 'serveur' },
    });
    lab.focus(cli);
    await lab.step(id('paire-port'), async () => {
      const to = await expectConnectsToServer(cli, listen);
      return { server: addr(listen.host, listen.port), target: addr(to.host, to.port) };
    });
    await lab.step(id('paire-echange'), async () => {
      lab.focus(srv);
      await expectClosedAndExit0(srv, undefined, lab.ms(RELAY));
      lab.focus(cli);
      await expectClosedAndExit0(cli, undefined, lab.ms(RELAY));
      expectGotReply(cli);
      const connect = cli.firstConnect;
      return {
        server: addr(listen.host, listen.port),
        clientEphemeral: srv.firstClient ?? addr(connect?.local?.[0], connect?.local?.[1]),
      };
    });
  });
  return [serveur, client, pair];
}
