Bonjour Madame,
Voici mon travail pour le TP réseau. Je n'ai pas réussi la partie 2.
Cordialement
