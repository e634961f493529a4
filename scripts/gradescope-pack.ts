// npm run gradescope:pack -- [OUT.zip]: builds the Gradescope autograder archive from this
// repository: setup.sh and run_autograder at the root (Gradescope's layout), then the checker's
// sources, lock file and reference programs; the teacher's tp-reseau.config.json when present.
// Gradescope's setup.sh runs `npm ci` there, which compiles the checker.
import { createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const INCLUDED = ['package.json', 'package-lock.json', 'tsconfig.json', 'src', 'checks', 'reference', 'schemas', 'student-template', 'tp-reseau.config.json'];
const EXCLUDED = /(^|\/)(node_modules|dist|\.git|__pycache__|\.DS_Store)(\/|$)/;

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

function filesUnder(root: string, rel: string): string[] {
  const full = path.join(root, rel);
  if (!existsSync(full) || EXCLUDED.test(rel)) return [];
  if (!statSync(full).isDirectory()) return [rel];
  return readdirSync(full).sort().flatMap((n) => filesUnder(root, `${rel}/${n}`));
}

/** Writes the archive and returns the entry names, in order. */
export async function packGradescope(out: string, root = repoRoot()): Promise<string[]> {
  const zip = new yazl.ZipFile();
  const names: string[] = [];
  const fixed = { mtime: new Date('2026-01-01T00:00:00Z') }; // same bytes for the same sources
  for (const script of ['setup.sh', 'run_autograder']) {
    zip.addFile(path.join(root, 'ci-templates/gradescope', script), script, { ...fixed, mode: 0o100755 });
    names.push(script);
  }
  for (const rel of INCLUDED.flatMap((r) => filesUnder(root, r))) {
    zip.addFile(path.join(root, rel), rel, { ...fixed, mode: 0o100644 });
    names.push(rel);
  }
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject));
  return names;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? 'gradescope-autograder.zip');
  packGradescope(out).then(
    (names) => process.stdout.write(`Archive Gradescope écrite : ${out} (${names.length} fichiers)\n`),
    (e: unknown) => {
      process.stderr.write(`Impossible de construire l’archive Gradescope : ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
