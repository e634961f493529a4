// The corpus, with programs started as on this machine by default (Linux: forked from the fork
// server, inside namespaces when available). corpus-spawn.test.ts runs it as on Windows and macOS.
import { corpusSuite } from './corpus-suite.js';

corpusSuite();
