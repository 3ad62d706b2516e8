/**
 * Pull-style line input over a stream: `next()` resolves with the next line, or null at end of
 * input. The console needs to pull (a form asks several questions in a row) rather than react
 * to 'line' events, and must end cleanly when stdin closes.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export class LineReader {
  private readonly lines: string[] = [];
  private readonly waiting: Array<(line: string | null) => void> = [];
  private closed = false;

  constructor(input: Readable) {
    const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
    rl.on('line', (line) => {
      const w = this.waiting.shift();
      if (w) w(line);
      else this.lines.push(line);
    });
    rl.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(null);
    });
  }

  next(): Promise<string | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
