// Limits, sandbox and checks that could not finish (French, the default). Same keys as ../en/hostile.ts.
export const hostile = {
  'hostile.check-deadline': 'La vérification a dépassé son temps total ({s} s) : tous les programmes ont été arrêtés.',
  'hostile.check-died': 'La vérification s’est arrêtée sans résultat (un programme l’a peut-être tuée) : {detail}',
  'hostile.check-aborted': 'Vérification interrompue.',
  'hint.checker-stopped': 'Ce n’est pas une note : relance la vérification ; si cela se reproduit, montre ton programme au professeur.',
  'hint.limit-cpu': 'Le programme a utilisé trop de temps processeur : une boucle sans fin (while True sans recv/accept/input qui attend) ?',
  'hint.limit-memory': 'Le programme a utilisé trop de mémoire : une liste ou une chaîne qui grandit sans fin dans une boucle ?',
  'hint.limit-fsize': 'Le programme écrit un fichier trop gros : le TP n’a pas besoin d’écrire de fichier.',
  'hint.limit-nofile': 'Trop de fichiers ou de sockets ouverts en même temps : ferme chaque socket avec close() quand tu as fini.',
  'hint.limit-forks': 'Le programme lance trop de processus : le TP n’en demande aucun (utilise des threads pour le relais).',
  'hint.limit-kill': 'Le programme a essayé d’arrêter le vérificateur : ce n’est pas permis.',
  'hostile.isolation-module': 'isolation : module — un programme peut lire et modifier vos fichiers (pas de namespaces Linux ici ; pour noter une classe sans risque : une machine Linux ou GitHub Actions, voir « Sécurité et limites » dans le README).',
  'hint.output-flood': 'Le programme affiche sans fin : un print dans une boucle qui ne s’arrête pas ?',
};
