// Part 1: client and server on the same machine (the lab's files, run as given).
import type { ExerciseDef } from '../src/runner/types.js';
import { exchangeChecks, exchangeScenarios } from './lib/exchange.js';

export const memeMachine: ExerciseDef = {
  id: 'ex1',
  folder: '1-meme-machine',
  checks: exchangeChecks('ex1', false),
  scenarios: exchangeScenarios('ex1', false),
};
