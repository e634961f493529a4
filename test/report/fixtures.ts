// Hand-made RunReports shaped like the runner's: a perfect student, a typical one with failures
// (transcripts, traceback, blocked line), one with a checker error, one who did nothing.
import { SCHEMA_VERSION, type CheckResult, type ExerciseResult, type RunReport, type Status, type TranscriptEvent } from '../../src/model.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { rescoreReport } from '../../src/report/score.js';

const TITLES: Record<string, [string, 'serveur' | 'client' | 'pair']> = {
  'ex1.serveur-ecoute': ['Le serveur démarre et écoute', 'serveur'],
  'ex1.serveur-repond': ['Le serveur envoie une réponse', 'serveur'],
  'ex1.client-affiche': ['Le client affiche la réponse décodée', 'client'],
  'ex1.paire-echange': ['Client et serveur ensemble', 'pair'],
  'ex3.serveur-echo': ['Le serveur renvoie chaque message', 'serveur'],
  'ex3.serveur-depart-sans-fin': ['Départ sans « fin » (bonus)', 'serveur'],
  'ex3.client-fin': ['Le client envoie « fin » et termine', 'client'],
};

export const EX_TITLES: Record<string, [string, string]> = {
  ex1: ['1-meme-machine', 'Client et serveur sur la même machine'],
  ex3: ['3-ping-pong', 'Ping-pong'],
};

export const echoTranscript: TranscriptEvent[] = [
  { at: 0, kind: 'listen', from: 'serveur', text: "('127.0.0.1', 12345)" },
  { at: 12, kind: 'connect', from: 'client', to: 'serveur', text: '' },
  { at: 15, kind: 'message', from: 'client', to: 'serveur', text: 'Bonjour' },
  { at: 16, kind: 'stdout', from: 'serveur', text: 'Client a écrit : Bonjour' },
  { at: 18, kind: 'message', from: 'serveur', to: 'client', text: 'BONJOUR' },
  { at: 20, kind: 'message', from: 'client', to: 'serveur', text: 'Ça va <très> bien & toi ?' },
  { at: 2020, kind: 'blocked', from: 'serveur', text: 'recv — serveur.py:14' },
];

export function check(id: string, status: Status, extra: Partial<CheckResult> = {}): CheckResult {
  const [title, role] = TITLES[id] ?? [id, 'serveur'];
  return {
    id, role, title, status, points: 0, maxPoints: 1, bonus: id.endsWith('depart-sans-fin'),
    message: status === 'pass' ? '' : `Échec de ${id}`, hint: '', transcript: [], durationMs: 120, ...extra,
  };
}

export function exercise(id: string, checks: CheckResult[]): ExerciseResult {
  const [folder, title] = EX_TITLES[id];
  return { id, folder, title, checks, points: 0, maxPoints: 0 };
}

export function report(student: string, exercises: ExerciseResult[], errors: string[] = []): RunReport {
  const raw: RunReport = {
    schemaVersion: SCHEMA_VERSION, tool: { name: 'tp-reseau-check', version: '0.1.0' }, student,
    directory: `/tmp/remises/${student}`, lang: 'fr', python: { path: '/usr/bin/python3', version: '3.11.7' },
    isolation: 'module', exercises, score: { points: 0, max: 0, on20: 0, bonusPoints: 0, bonusInGrade: false }, errors,
    startedAt: '2026-03-02T08:00:00.000Z', durationMs: 2345,
  };
  return rescoreReport(raw, defaultConfig());
}

const allPass = () => [
  exercise('ex1', [check('ex1.serveur-ecoute', 'pass'), check('ex1.serveur-repond', 'pass'), check('ex1.client-affiche', 'pass'), check('ex1.paire-echange', 'pass')]),
  exercise('ex3', [check('ex3.serveur-echo', 'pass'), check('ex3.serveur-depart-sans-fin', 'pass'), check('ex3.client-fin', 'pass')]),
];

export const perfect = (): RunReport => report('Alice Martin', allPass());

export const typical = (): RunReport => report('Bob Durand', [
  exercise('ex1', [
    check('ex1.serveur-ecoute', 'pass'),
    check('ex1.serveur-repond', 'pass'),
    check('ex1.client-affiche', 'fail', {
      message: 'Le client affiche b\'...\' au lieu du texte.', hint: 'Utilisez .decode() sur ce que renvoie recv().', hintKey: 'decode',
      expected: 'Serveur répond : OK', seen: "Serveur répond : b'OK'",
      transcript: [
        { at: 0, kind: 'connect', from: 'client', to: 'serveur', text: '' },
        { at: 3, kind: 'message', from: 'client', to: 'serveur', text: 'Hello, serveur !' },
        { at: 5, kind: 'message', from: 'serveur', to: 'client', text: 'OK' },
        { at: 7, kind: 'stdout', from: 'client', text: "Serveur répond : b'OK'" },
        { at: 9, kind: 'exit', from: 'client', text: 'code 0' },
      ],
    }),
    check('ex1.paire-echange', 'crash', {
      message: 'Le serveur s\'est arrêté sur une erreur Python.', hint: 'Encodez le texte avant send() : message.encode().', hintKey: 'encode',
      traceback: 'Traceback (most recent call last):\n  File "serveur.py", line 12, in <module>\n    connexion.send(reponse)\nTypeError: a bytes-like object is required, not \'str\'\n',
      transcript: [
        { at: 0, kind: 'listen', from: 'serveur', text: '' },
        { at: 10, kind: 'connect', from: 'client', to: 'serveur', text: '' },
        { at: 11, kind: 'message', from: 'client', to: 'serveur', text: 'Hello, serveur !' },
        { at: 13, kind: 'stderr', from: 'serveur', text: "TypeError: a bytes-like object is required, not 'str'" },
        { at: 14, kind: 'exit', from: 'serveur', text: 'code 1' },
      ],
    }),
  ]),
  exercise('ex3', [
    check('ex3.serveur-echo', 'timeout', {
      message: 'Le serveur n\'a pas renvoyé le deuxième message.', hint: 'Mettez recv() et send() dans une boucle while.', hintKey: 'no-loop',
      blocked: { call: 'accept', file: 'serveur.py', line: 9, code: 'connexion, adresse = serveur.accept()' },
      transcript: echoTranscript,
    }),
    check('ex3.serveur-depart-sans-fin', 'not-reached', { message: 'Non vérifié : l’étape « Le serveur renvoie chaque message » a échoué avant.', notReachedBecause: 'ex3.serveur-echo' }),
    check('ex3.client-fin', 'skip', { message: 'Fichier client.py absent : pas encore fait.', hintKey: 'missing-file' }),
  ]),
]);

export const checkerError = (): RunReport => report('Chloé Petit', [
  exercise('ex1', [check('ex1.serveur-ecoute', 'pass'), check('ex1.serveur-repond', 'error', { message: 'Port 40000 indisponible pour le vérificateur.' }), check('ex1.client-affiche', 'pass'), check('ex1.paire-echange', 'pass')]),
  exercise('ex3', [check('ex3.serveur-echo', 'pass'), check('ex3.serveur-depart-sans-fin', 'fail'), check('ex3.client-fin', 'pass')]),
], ['Python 3.6 trop ancien pour un test']);

export const nothing = (): RunReport => report('=David; "Leroy"', [
  exercise('ex1', ['ex1.serveur-ecoute', 'ex1.serveur-repond', 'ex1.client-affiche', 'ex1.paire-echange'].map((id) => check(id, 'skip'))),
  exercise('ex3', ['ex3.serveur-echo', 'ex3.serveur-depart-sans-fin', 'ex3.client-fin'].map((id) => check(id, 'skip'))),
]);

export const classOf4 = (): RunReport[] => [typical(), nothing(), perfect(), checkerError()];
