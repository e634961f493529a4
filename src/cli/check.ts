#!/usr/bin/env node
// Entry of `npm run check`: nothing but the head start (head-start.ts) is loaded before the
// namespaces of the check are on their way; the CLI itself (check-cli.ts) loads meanwhile.
import './head-start.js';

await import('./check-cli.js');
