// Part 1: client and server on the same machine (the lab's files, run as given).
import type { Exercise } from './lib/api.js';
import { exchangeChecks, exchangeScenarios } from './lib/api.js';

export const memeMachine: Exercise = {
  id: 'ex1',
  folder: '1-meme-machine',
  checks: exchangeChecks('ex1', false),
  scenarios: exchangeScenarios('ex1', false),
};
