// Part 2, ping-pong: the echo loop ended by "fin", on both sides.
import {
  type Exercise, type Scenario, scenario, fail,
  expectEcho, expectLongEcho, expectEndWordEndsServer, decidePrinted, leaveWithoutWord, expectNoBusyLoop,
  expectNoException, expectNoErrorExit, expectAsksLine, typeAndExpectSent, nextPrompt,
  readsEachReplyBeforeNextLine, expectEndWordEndsClient,
} from './lib/api.js';

const FIN = 'fin';

/** A message of several hundred bytes, accents included (a small recv() cuts it, or splits a character). */
export const LONG_MESSAGE = Array.from({ length: 24 }, (_, i) => `Message ${i + 1} : café, élève, ça marche !`).join(' ');

const serverEcho: Scenario = scenario({
  name: 'serveur',
  files: ['serveur.py'],
  checks: ['ex3.serveur-echo', 'ex3.serveur-long-message', 'ex3.serveur-affiche', 'ex3.serveur-fin'],
}, async (lab) => {
  const messages = lab.config.messages.pingPong;
  const srv = await lab.start('serveur.py');
  const conn = await lab.connect((await srv.listens()).real);
  await lab.step('ex3.serveur-echo', async () => {
    for (const msg of messages) {
      conn.send(msg);
      await expectEcho(conn, msg);
    }
  });
  await decidePrinted(lab, 'ex3.serveur-affiche', srv, messages, 'ex.server-no-print');
  await lab.step('ex3.serveur-long-message', async () => {
    await expectLongEcho(srv, conn, LONG_MESSAGE);
    return { bytes: String(Buffer.byteLength(LONG_MESSAGE)) };
  });
  await lab.step('ex3.serveur-fin', () => expectEndWordEndsServer(srv, conn, FIN));
});

const serverLeave: Scenario = scenario({
  name: 'serveur-depart',
  files: ['serveur.py'],
  checks: ['ex3.serveur-depart-sans-fin'],
}, async (lab) => {
  const srv = await lab.start('serveur.py');
  const conn = await lab.connect((await srv.listens()).real);
  await lab.step('ex3.serveur-depart-sans-fin', async () => {
    const msg = lab.config.messages.pingPong[0];
    conn.send(msg);
    await conn.expectText(msg);
    await leaveWithoutWord(srv, conn);
    await expectNoBusyLoop(srv, 'ex3.spin');
    expectNoException(srv, 'ex3.crash-on-leave', { hint: 'crash-departure-alone' });
    expectNoErrorExit(srv);
  });
});

const client: Scenario = scenario({
  name: 'client',
  files: ['client.py'],
  checks: ['ex3.client-boucle', 'ex3.client-attend-reponse', 'ex3.client-affiche', 'ex3.client-fin'],
}, async (lab) => {
  const lines = lab.config.messages.pingPong;
  const server = await lab.listener();
  const cli = await lab.start('client.py', { connect: { '*': server.port } });
  const conn = await server.accepted(cli);
  let waitedEachTime = true;
  await lab.step('ex3.client-boucle', async () => {
    for (let i = 0; i < lines.length; i++) {
      await expectAsksLine(cli, conn, i + 1);
      await typeAndExpectSent(lab, cli, conn, lines[i], i + 1, 'ex3.client-attend-reponse');
      // It must read our reply before asking for the next line: the module reports both in order.
      if (cli.linesAsked > i + 1) waitedEachTime = false;
      conn.send(lines[i]);
    }
    return { messages: String(lines.length) };
  });
  // wait for the prompt of the last line (after the last reply was read)
  const last = await nextPrompt(cli, conn, lines.length + 1);
  const waited = waitedEachTime && readsEachReplyBeforeNextLine(cli, lines.length);
  lab.verdict('ex3.client-attend-reponse', waited, () => fail('ex3.client-no-wait', {}, { hint: 'no-wait' }));
  await decidePrinted(lab, 'ex3.client-affiche', cli, lines, 'ex.client-no-print');
  await lab.step('ex3.client-fin', async () => {
    if (last !== 'input') throw fail('ex3.client-stopped', { n: lines.length }, { hint: 'no-loop' });
    await expectEndWordEndsClient(cli, conn, FIN, lines.length);
  });
});

export const pingPong: Exercise = {
  id: 'ex3',
  folder: '3-ping-pong',
  checks: [
    { id: 'ex3.serveur-echo', role: 'serveur', points: 2 },
    { id: 'ex3.serveur-long-message', role: 'serveur', points: 1 },
    { id: 'ex3.serveur-affiche', role: 'serveur', points: 1 },
    { id: 'ex3.serveur-fin', role: 'serveur', points: 2 },
    { id: 'ex3.serveur-depart-sans-fin', role: 'serveur', points: 1, bonus: true },
    { id: 'ex3.client-boucle', role: 'client', points: 2 },
    { id: 'ex3.client-attend-reponse', role: 'client', points: 1 },
    { id: 'ex3.client-affiche', role: 'client', points: 1 },
    { id: 'ex3.client-fin', role: 'client', points: 2 },
  ],
  scenarios: [serverEcho, serverLeave, client],
};
