// One progress line on a terminal, rewritten in place; silent when stderr is not a terminal
// (CI logs and redirected output stay clean).
export interface Progress {
  update(done: number, running: number): void;
  end(): void;
}

export function progressLine(total: number, format: (done: number, total: number, running: number) => string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, end: () => undefined };
  let last = '';
  return {
    update(done, running) {
      const line = format(done, total, running);
      if (line === last) return;
      last = line;
      stream.write(`\r\x1b[2K${line}`);
    },
    end() {
      if (last) stream.write('\r\x1b[2K');
    },
  };
}
