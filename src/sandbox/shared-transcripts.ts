// The checks of one scenario share one transcript array (runner/exercise.ts). JSON would write it
// once per check (a relay scenario decides seven): across the namespace's pipe each distinct array
// goes once, in a table, and checks carry its index; the receiving side restores the sharing, which
// then survives the copy to the grader's main thread (structured clone keeps shared references).
import type { ExerciseResult, TranscriptEvent } from '../model.js';

export interface EncodedResults {
  results: ExerciseResult[];
  transcripts: TranscriptEvent[][];
}

export function encodeResults(results: ExerciseResult[]): EncodedResults {
  const transcripts: TranscriptEvent[][] = [];
  const index = new Map<TranscriptEvent[], number>();
  const out = results.map((e) => ({
    ...e,
    checks: e.checks.map((c) => {
      let i = index.get(c.transcript);
      if (i === undefined) index.set(c.transcript, (i = transcripts.push(c.transcript) - 1));
      return { ...c, transcript: i as unknown as TranscriptEvent[] };
    }),
  }));
  return { results: out, transcripts };
}

export function decodeResults({ results, transcripts }: EncodedResults): ExerciseResult[] {
  if (!Array.isArray(transcripts)) return results; // nothing encoded
  for (const e of results) {
    for (const c of e.checks) {
      const i = c.transcript as unknown;
      if (typeof i === 'number') c.transcript = transcripts[i] ?? [];
    }
  }
  return results;
}
