// Lists the submissions: one entry per student in the submissions folder (a folder or a .zip;
// anything else is kept, graded as empty, with a note), sorted by name for a stable output.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface Submission {
  /** the entry's name in the submissions folder */
  name: string;
  path: string;
  source: 'folder' | 'zip' | 'file';
  /** display name: the name without '.zip' nor Moodle's '_<n>_assignsubmission_file_' suffix */
  student: string;
  /** identifier for grade imports: 'Participant <n>' for Moodle folders, else the display name */
  id: string;
}

// "Jean Dupont_123456_assignsubmission_file_" (Moodle's "Download all submissions").
const MOODLE = /^(.*?)_(\d+)_assignsubmission_[a-z]+_?$/;
const IGNORED = /^(\.|__MACOSX$|Thumbs\.db$|desktop\.ini$)/i;

export function studentName(entry: string): { student: string; participant?: string } {
  const base = entry.replace(/\.zip$/i, '');
  const m = MOODLE.exec(base);
  return m ? { student: m[1].trim() || base, participant: m[2] } : { student: base };
}

/** Throws (ENOENT, ENOTDIR, EACCES) when the folder itself cannot be read: grading cannot run. */
export async function discoverSubmissions(dir: string): Promise<Submission[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const list: Submission[] = [];
  for (const e of entries) {
    if (IGNORED.test(e.name)) continue;
    const full = path.join(dir, e.name);
    const source = e.isDirectory() ? 'folder' : /\.zip$/i.test(e.name) ? 'zip' : 'file';
    const { student, participant } = studentName(e.name);
    // Moodle's grading worksheet names a student 'Participant <n>': the same identifier here.
    list.push({ name: e.name, path: full, source, student, id: participant ? `Participant ${participant}` : student });
  }
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Two entries with one display name (a folder and its .zip, namesakes): keep both, told apart.
  const counts = new Map<string, number>();
  for (const s of list) counts.set(s.student, (counts.get(s.student) ?? 0) + 1);
  for (const s of list) {
    if ((counts.get(s.student) ?? 0) > 1) s.student = s.name;
    if (!MOODLE.test(s.name.replace(/\.zip$/i, ''))) s.id = s.student;
  }
  return list;
}

/** One student's work given directly (Gradescope's /autograder/submission, a CI checkout). */
export function singleSubmission(dir: string): Submission[] {
  const name = path.basename(path.resolve(dir));
  return [{ name, path: dir, source: 'folder', student: name, id: name }];
}
