// Part 3, the relay: one server, several clients; every message reaches every other client. Its
// checks are data (4-relais.json); these scenarios are its escape hatch (relay departures, busy loops).
import {
  type Scenario, scenario, fail, START, RELAY, HANDLED,
  join, expectServesClients, expectServedAtOnce, expectDelivered, expectRelayed, clientsRegistered,
  departureHandled, expectStillServing, expectNoBusyLoop, expectNoException, expectPrompt, expectTypedLine,
  expectPrinted,
} from './lib/api.js';

export const server: Scenario = scenario({
  name: 'serveur',
  files: ['serveur.py'],
  checks: [
    'ex4.serveur-plusieurs-clients', 'ex4.serveur-relais', 'ex4.serveur-sans-boucle-active',
    'ex4.serveur-depart', 'ex4.serveur-retardataire', 'ex4.serveur-tous-partis', 'ex4.serveur-echo-expediteur',
  ],
}, async (lab) => {
  const [m1, m2] = lab.config.messages.relay;
  const ms = lab.ms(RELAY);
  const policy = lab.config.echoPolicy;
  const srv = await lab.start('serveur.py');
  const port = (await srv.listens()).real;
  const departed = (n: number) => departureHandled(srv, n, ms, lab.ms(HANDLED));
  // The silent client connects first: a server serving one client at a time blocks on it.
  const silent = await join(lab, port, 'client3');
  const a = await join(lab, port, 'client1');
  const b = await join(lab, port, 'client2');
  await lab.step('ex4.serveur-plusieurs-clients', async () => {
    await expectServesClients(srv, 3, ms);
    a.say(m1);
    await expectServedAtOnce(srv, a, b, ms);
    return { clients: '3' };
  });
  await lab.step('ex4.serveur-relais', async () => {
    await expectDelivered(srv, m1, [b, silent], ms); // m1 is on its way since the previous step
    await expectRelayed(srv, m2, b, [a, silent], ms);
    if (policy === 'required') await Promise.all([a.awaitEcho(ms), b.awaitEcho(ms)]);
  });
  // client1 leaves with "fin": the server must neither spin nor drop the others.
  a.say('fin');
  a.close();
  await departed(1);
  await lab.step('ex4.serveur-sans-boucle-active', () => expectNoBusyLoop(srv, 'ex4.spin'));
  // Departures: a second round after one is where a dead socket left in the list usually fails.
  await lab.part('ex4.serveur-depart', async () => {
    await expectRelayed(srv, 'Encore là ?', b, [silent], ms);
    await expectRelayed(srv, 'Toujours là !', silent, [b], ms);
  });
  const late = await join(lab, port, 'client4');
  await lab.step('ex4.serveur-retardataire', async () => {
    await clientsRegistered(srv, 4, ms);
    await expectRelayed(srv, 'Bienvenue !', b, [late, silent], ms);
  });
  await lab.step('ex4.serveur-depart', async () => {
    silent.drop(); // client3 leaves without "fin"
    await departed(2);
    await expectRelayed(srv, 'Il en reste deux', late, [b], ms);
    await expectRelayed(srv, 'Oui, deux', b, [late], ms);
    expectNoException(srv, 'ex4.thread-crashed', { hint: 'crash-departure', params: { who: 'client' } });
  });
  await lab.step('ex4.serveur-tous-partis', async () => {
    b.close();
    late.close();
    await departed(4);
    const [e, f] = await expectStillServing(lab, srv, port, ['client5', 'client6'], 6, ms);
    await expectRelayed(srv, 'Il y a quelqu’un ?', e, [f], ms);
  });
  const echoed = a.echoes > 0 && b.echoes > 0;
  const none = a.echoes === 0 && b.echoes === 0;
  const ok = policy === 'either' || (policy === 'required' ? echoed : none);
  lab.verdict('ex4.serveur-echo-expediteur', ok, () =>
    fail(policy === 'required' ? 'ex4.echo-missing' : 'ex4.echo-present', {}, { hint: policy === 'required' ? 'echo-required' : 'echo-forbidden' }),
    { echo: lab.word(echoed ? 'word.yes' : none ? 'word.no' : 'word.partial') });
});

export const client: Scenario = scenario({
  name: 'client',
  files: ['client.py'],
  checks: ['ex4.client-relais'],
}, async (lab) => {
  const [r1, r2] = lab.config.messages.relay;
  const ms = lab.ms(RELAY);
  const relay = await lab.startReference('serveur.py', { actor: 'serveur' });
  const port = (await relay.listens()).real;
  const cli = await lab.start('client.py', { connect: { '*': port }, actor: 'client1' });
  lab.focus(cli);
  await lab.step('ex4.client-relais', async () => {
    // One order, whatever the machine's load: the student's client is connected and registered
    // by the relay, then the other client; only then is anything typed (a message sent before the
    // relay registered a client does not reach it).
    await clientsRegistered(relay, 1, lab.ms(START));
    const other = await lab.connect(port, 'client2');
    await clientsRegistered(relay, 2, ms);
    await expectPrompt(cli, 1);
    cli.type(r1);
    await expectTypedLine(other, r1, 'ex4.client-wrong-message', ms);
    await cli.asksLine(2, ms);
    other.send(r2);
    await other.expectText(r2, ms); // the reference server echoes: once it is back here, it reached client1 too
    cli.type('Reçu ?'); // the ping-pong client reads after each line it sends
    await expectPrinted(cli, r2, 'ex4.client-no-print', ms);
  });
});
