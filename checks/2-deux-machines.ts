// Part 2: the neighbour's machine (listen on every interface, target a LAN address) and a typed message.
import type { Exercise } from './lib/api.js';
import { exchangeChecks, exchangeScenarios } from './lib/api.js';

export const deuxMachines: Exercise = {
  id: 'ex2',
  folder: '2-deux-machines',
  checks: exchangeChecks('ex2', true),
  scenarios: exchangeScenarios('ex2', true),
};
