// Part 1: client and server on the same machine (the lab's files, run as given). Its checks are
// data (1-meme-machine.json); its scenarios are the exchange shared with part 2 (lib/exchange.ts).
import { exchangeScenarios } from './lib/api.js';

export const [serveur, client, paire] = exchangeScenarios('ex1', false);
