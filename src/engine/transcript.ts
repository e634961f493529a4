import type { TranscriptEvent } from '../model.js';

const MAX_TEXT = 300;
const MAX_EVENTS = 400;

/** Bytes as a student reads them: the UTF-8 text when valid, else a Python bytes literal (b'\xe9t\xe9'). */
export function bytesText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return pythonBytesLiteral(buf);
  }
}

/** Exactly what Python's repr() prints for bytes, so `print(data)` output can be recognised. */
export function pythonBytesLiteral(buf: Uint8Array): string {
  const quote = buf.includes(0x27) && !buf.includes(0x22) ? '"' : "'";
  let out = 'b' + quote;
  for (const b of buf) {
    if (b === 0x5c) out += '\\\\';
    else if (b === quote.charCodeAt(0)) out += '\\' + quote;
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += '\\x' + b.toString(16).padStart(2, '0');
  }
  return out + quote;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) + ` … (+${text.length - MAX_TEXT})` : text;
}

/**
 * One ordered record of a check's exchange: what each side sent, typed, printed, and how it ended.
 * Actors are language-neutral ids ('client', 'serveur', 'client2', 'checker'); reporters translate them.
 */
export class Transcript {
  readonly events: TranscriptEvent[] = [];
  private readonly start = performance.now();
  private dropped = 0;

  add(kind: TranscriptEvent['kind'], from: string, text: string, to?: string): void {
    if (this.events.length >= MAX_EVENTS) {
      this.dropped++;
      return;
    }
    const at = Math.round(performance.now() - this.start);
    this.events.push(to === undefined ? { at, kind, from, text: clip(text) } : { at, kind, from, to, text: clip(text) });
  }

  message(from: string, to: string, bytes: Uint8Array): void {
    this.add('message', from, bytesText(bytes), to);
  }

  /** The events, with a last note when some were dropped (a flood). */
  snapshot(): TranscriptEvent[] {
    if (!this.dropped) return [...this.events];
    return [...this.events, { at: this.events.at(-1)?.at ?? 0, kind: 'note', from: 'checker', text: `… +${this.dropped}` }];
  }
}
