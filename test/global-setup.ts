// Before any test file: find the Chromium the HTML tests use, unpacking the bundled one on the
// first run on a machine (a few seconds, once), so that the test files needing it do not each
// unpack a copy at the same time.
import { findChromium } from '../scripts/browser/find-chromium.js';

export default async function setup(): Promise<void> {
  try {
    await findChromium();
  } catch {
    // no browser for this platform: the HTML tests themselves fail and say why
  }
}
