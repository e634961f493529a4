// Part 2: the neighbour's machine (listen on every interface, target a LAN address) and a typed
// message. Its checks are data (2-deux-machines.json); its scenarios add to part 1's exchange.
import { exchangeScenarios } from './lib/api.js';

export const [serveur, client, paire] = exchangeScenarios('ex2', true);
