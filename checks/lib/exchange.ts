// Parts 1 and 2 share one exchange (hello -> reply); part 2 adds checks on addresses and typed input.
import type { CheckDef, ScenarioDef, ScenarioContext } from '../../src/runner/types.js';
import { failure } from '../../src/runner/types.js';
import type { Connection } from '../../src/peers/connection.js';
import type { EventOf } from '../../src/engine/events.js';
import { expectPrinted, expectSomeData, expectClosedAndExit0, addr } from './expect.js';
import { START, STEP, RELAY } from './deadlines.js';

const LAB_MESSAGE = 'Hello, serveur !';

export function isLoopback(host: string | null | undefined): boolean {
  if (host === null || host === undefined) return false;
  const h = host.toLowerCase();
  return h.startsWith('127.') || h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

export function isAllInterfaces(host: string | null | undefined): boolean {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '::0' || host === '0:0:0:0:0:0:0:0';
}

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
  const serveur: ScenarioDef = {
    name: 'serveur',
    files: ['serveur.py'],
    checks: exchangeChecks(ex, part2).filter((c) => c.role === 'serveur').map((c) => c.id),
    async run(ctx) {
      const message = part2 ? ctx.config.messages.typed : LAB_MESSAGE;
      const srv = await ctx.start('serveur.py');
      let listen!: EventOf<'listen'>;
      await ctx.step(id('serveur-ecoute'), async () => {
        listen = await srv.listening(ctx.ms(START));
        return { address: addr(listen.host, listen.port) };
      });
      if (part2) {
        const ok = isAllInterfaces(listen.host) || !isLoopback(listen.host);
        ctx.verdict(id('serveur-toutes-interfaces'), ok, () =>
          failure('ex.bind-loopback', { host: String(listen.host) }, { hint: 'bind-loopback', expected: "''  /  '0.0.0.0'", seen: `'${listen.host}'` }),
          { address: addr(listen.host, listen.port) });
      }
      let conn!: Connection;
      await ctx.step(id('serveur-recoit'), async () => {
        conn = await ctx.connect(listen.real);
        conn.send(message);
        await srv.waitEvent('recv', ctx.ms(STEP), { where: (e) => e.n > 0 });
        await expectPrinted(srv, message, ctx.ms(STEP), 'ex.server-no-print');
        const accept = srv.first('accept');
        return { client: accept ? addr(accept.peer[0], accept.peer[1]) : '?' };
      });
      await ctx.step(id('serveur-repond'), async () => {
        const reply = await expectSomeData(conn, ctx.ms(STEP), 'ex.no-reply', 'no-reply');
        return { reply: reply.toString('utf8') };
      });
      await ctx.step(id('serveur-termine'), () => expectClosedAndExit0(srv, conn, ctx.ms(STEP)));
    },
  };

  const client: ScenarioDef = {
    name: 'client',
    files: ['client.py'],
    checks: exchangeChecks(ex, part2).filter((c) => c.role === 'client').map((c) => c.id),
    async run(ctx) {
      const typed = ctx.config.messages.typed;
      const fake = await ctx.fakeServer();
      const cli = await ctx.start('client.py', { connect: { '*': fake.port }, lines: [typed] });
      let conn!: Connection;
      let connect!: EventOf<'connect'>;
      await ctx.step(id('client-connecte'), async () => {
        conn = await fake.accepted(ctx.ms(START), 1, cli);
        connect = await cli.waitEvent('connect', ctx.ms(STEP));
        return { target: addr(connect.host, connect.port), local: addr(connect.local?.[0], connect.local?.[1]) };
      });
      if (part2) {
        ctx.verdict(id('client-adresse-voisin'), !isLoopback(connect.host), () =>
          failure('ex.client-loopback', { host: connect.host }, { hint: 'neighbour-address', seen: connect.host }),
          { target: addr(connect.host, connect.port) });
      }
      let sent!: Buffer;
      await ctx.step(id('client-envoie'), async () => {
        sent = await expectSomeData(conn, ctx.ms(STEP), 'ex.client-sent-nothing', 'no-send');
        return { message: sent.toString('utf8') };
      });
      if (part2) checkTyped(ctx, id('client-message-saisi'), sent, typed, cli.all('input').length > 0);
      const local = connect.local ? addr(connect.local[0], connect.local[1]) : '?';
      const reply = `OK, message reçu depuis l'adresse ${local}`;
      // then close, as the lab's server does: a client that reads until the end of the stream
      // (shutdown, then recv until b'') gets its end
      conn.send(reply);
      conn.close();
      await ctx.step(id('client-affiche'), () => expectPrinted(cli, reply, ctx.ms(STEP), 'ex.client-no-print'));
      await ctx.step(id('client-termine'), () => expectClosedAndExit0(cli, conn, ctx.ms(STEP)));
    },
  };

  const pair: ScenarioDef = {
    name: 'paire',
    files: ['serveur.py', 'client.py'],
    checks: [id('paire-port'), id('paire-echange')],
    async run(ctx) {
      const srv = await ctx.start('serveur.py', { recordSends: { to: 'client' } });
      const listen = await srv.listening(ctx.ms(START));
      // The client reaches the server only on the port the server asked for, as on a real machine.
      const cli = await ctx.start('client.py', {
        connect: { [String(listen.port)]: listen.real },
        lines: [ctx.config.messages.typed],
        recordSends: { to: 'serveur' },
      });
      ctx.focus(cli);
      await ctx.step(id('paire-port'), async () => {
        const e = await cli.watch.until(() => cli.first('connect') ?? cli.first('connect-fail'), ctx.ms(START), 'connect');
        if (e.ev === 'connect-fail' && e.port === listen.port) throw failure('ex.pair-refused', { port: e.port }, { hint: 'connection-refused', explainsCrash: true });
        if (e.ev === 'connect-fail') {
          throw failure('ex.port-mismatch', { client: e.port, server: listen.port ?? '?' }, {
            hint: 'connection-refused', expected: String(listen.port), seen: String(e.port), explainsCrash: true,
          });
        }
        return { server: addr(listen.host, listen.port), target: addr(e.host, e.port) };
      });
      await ctx.step(id('paire-echange'), async () => {
        ctx.focus(srv);
        await expectClosedAndExit0(srv, undefined, ctx.ms(RELAY));
        ctx.focus(cli);
        await expectClosedAndExit0(cli, undefined, ctx.ms(RELAY));
        if (!cli.all('recv').some((e) => e.n > 0)) throw failure('ex.pair-no-reply', {}, { hint: 'no-reply' });
        const accept = srv.first('accept');
        const connect = cli.first('connect');
        return {
          server: addr(listen.host, listen.port),
          clientEphemeral: accept ? addr(accept.peer[0], accept.peer[1]) : addr(connect?.local?.[0], connect?.local?.[1]),
        };
      });
    },
  };
  return [serveur, client, pair];
}

function checkTyped(ctx: ScenarioContext, checkId: string, sent: Buffer, typed: string, askedInput: boolean): void {
  const utf8 = Buffer.from(typed, 'utf8');
  if (sent.equals(utf8)) return ctx.verdict(checkId, true);
  const latin1 = Buffer.from(typed, 'latin1');
  ctx.verdict(checkId, false, () => {
    const seen = sent.toString('utf8');
    if (sent.equals(latin1)) return failure('ex.not-utf8', {}, { hint: 'encoding', expected: typed, seen });
    if (!askedInput) return failure('ex.input-ignored', {}, { hint: 'input-ignored', expected: typed, seen });
    return failure('ex.typed-mismatch', {}, { hint: 'input-ignored', expected: typed, seen });
  });
}
