// The corpus with programs spawned one by one and the injected module alone: how Windows and macOS
// run them (no fork server, no namespaces), kept tested on Linux. The variables are read when a
// check starts; each test file runs in its own process.
import { corpusSuite } from './corpus-suite.js';

process.env.TPRC_FORKSERVER = '0';
process.env.TPRC_ISOLATION = 'module';

corpusSuite();
