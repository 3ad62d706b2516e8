/**
 * The console, driven one exchange at a time: a line is typed, and the driver waits until the
 * console asks for the next line (its `onPrompt` hook), then reads what it printed.
 */
import { PassThrough, Writable } from 'node:stream';
import { runConsole } from '../../src/adapters/console/index.ts';
import type { App } from '../../src/bot/app.ts';
import { loadDefinition } from '../../src/reports/definition.ts';
import type { Screen, SurfaceDriver } from './screen.ts';

interface Session {
  input: PassThrough;
  out: string;
  prompted?: () => void;
  finished: Promise<void>;
}

const CHOICE = /^(?:请选择（输入序号或按钮文字，回车跳过）|Choose \(number or label, or Enter to skip\))：(.*)$/;

export class ConsoleDriver implements SurfaceDriver {
  readonly surface = 'console' as const;
  private readonly sessions = new Map<string, Session>();
  private readonly screens = new Map<string, Screen>();

  constructor(
    private readonly app: App,
    private readonly exportDir: string,
  ) {}

  idOf(person: string): string {
    return `console:${person}`;
  }

  private async session(person: string): Promise<Session> {
    const existing = this.sessions.get(person);
    if (existing) return existing;
    const input = new PassThrough();
    const s = { input, out: '' } as Session;
    const output = new Writable({
      write(chunk, _enc, done) {
        s.out += String(chunk);
        done();
      },
    });
    const first = new Promise<void>((resolve) => (s.prompted = resolve));
    s.finished = runConsole(this.app, {
      input,
      output,
      userId: this.idOf(person),
      exportDir: this.exportDir,
      onPrompt: () => {
        const p = s.prompted;
        s.prompted = undefined;
        p?.();
      },
    });
    this.sessions.set(person, s);
    await first;
    return s;
  }

  /** Types one line and returns everything printed until the console waits again. */
  private async type(person: string, line: string): Promise<string> {
    const s = await this.session(person);
    const from = s.out.length;
    const waiting = new Promise<void>((resolve) => (s.prompted = resolve));
    s.input.write(`${line}\n`);
    await waiting;
    return s.out.slice(from);
  }

  private screen(person: string, printed: string): Screen {
    const lines = printed.trimEnd().split('\n');
    const last = lines.at(-1) ?? '';
    const choice = CHOICE.exec(last);
    const buttons = choice ? [...choice[1]!.matchAll(/\d+\. (.+?)(?=\s{3}\d+\. |$)/g)].map((m) => m[1]!.trim()) : [];
    const formOpen = lines.some((l) => /^（逐项输入|^\(one value per line/.test(l)) && last.endsWith('：') && !choice;
    const screen = { text: printed, buttons, formOpen };
    this.screens.set(person, screen);
    return screen;
  }

  async command(person: string, line: string): Promise<Screen> {
    return this.screen(person, await this.type(person, line));
  }

  say(person: string, text: string): Promise<Screen> {
    return this.command(person, text);
  }

  async press(person: string, label: string): Promise<Screen> {
    const shown = this.screens.get(person);
    const n = shown?.buttons.indexOf(label) ?? -1;
    if (n < 0) throw new Error(`console: no button "${label}" for ${person}; shown: ${JSON.stringify(shown?.buttons)}`);
    return this.screen(person, await this.type(person, String(n + 1)));
  }

  /** Answers the form's prompts one by one; a field not given keeps its bracketed value (Enter). */
  async fill(person: string, values: Record<string, string>): Promise<Screen> {
    const labels = fieldLabels();
    let printed = this.screens.get(person)?.text ?? '';
    let all = '';
    for (;;) {
      const prompt = printed.trimEnd().split('\n').at(-1) ?? '';
      const key = labels.find(([label]) => prompt.startsWith(label))?.[1];
      const answer = key !== undefined ? values[key] ?? '' : '';
      printed = await this.type(person, answer);
      all += printed;
      const fresh = printed.trimEnd().split('\n');
      // One line ending in ： is the next field's prompt; anything else is the answer.
      if (!(fresh.length === 1 && fresh[0]!.endsWith('：'))) break;
    }
    return this.screen(person, all);
  }

  async stop(): Promise<void> {
    for (const s of this.sessions.values()) {
      s.input.end();
      await s.finished;
    }
  }
}

/** Field labels as the console prompts them → field keys, longest label first. */
function fieldLabels(): Array<[string, string]> {
  return FIELD_LABELS;
}

export const FIELD_LABELS: Array<[string, string]> = ([
  ...loadDefinition().fields.map((f): [string, string] => [f.label['zh-CN'], f.key]),
  ['原因（一句话）', 'reason'],
  ['更正原因', 'reason'],
] as Array<[string, string]>).sort((a, b) => b[0].length - a[0].length);
