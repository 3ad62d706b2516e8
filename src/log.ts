/**
 * The one logger (pino): JSON lines with a level, one line per event, on stdout; in a terminal a
 * short human-readable line instead. Events carry who, what and how it went — command, user id,
 * unit, latency, outcome — and never report figures, tokens or secrets: the `redact` paths below
 * blank any that a caller passes by mistake.
 *
 * ```ts
 * import { logger } from './log.ts';
 * logger.info({ event: 'command', command: 'report submit', user: 'console:liu', unit: '城区', ms: 12, outcome: 'ok' });
 * ```
 */
import { createRequire } from 'node:module';
import type { DestinationStream, LogFn, Logger } from 'pino';
import type pinoModule from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Keys that must never reach a log line, wherever they appear one level deep. */
const REDACT = ['token', 'botToken', 'appToken', 'secret', 'signingSecret', 'password', 'values', 'raw', 'set', 'figures', 'authorization'].flatMap((k) => [k, `*.${k}`]);

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** A terminal line: `21:30:01 INFO  command report submit user=console:liu unit=城区 ms=12 outcome=ok`. */
export function prettyLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, time, msg, event, pid: _pid, hostname: _host, ...rest } = o;
  const when = typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '';
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [when, (LEVEL_NAMES[level as number] ?? String(level)).padEnd(5), event, msg, ...fields].filter((x) => x !== undefined && x !== '').join(' ');
}

/** A destination that writes `prettyLine`s (for a terminal). */
function prettyStream(out: NodeJS.WritableStream): DestinationStream {
  return { write: (chunk: string) => void out.write(chunk.split('\n').filter(Boolean).map(prettyLine).join('\n') + '\n') };
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default stdout). */
  destination?: NodeJS.WritableStream;
  /** Human-readable lines instead of JSON (default: when the destination is a terminal). */
  pretty?: boolean;
}

/**
 * pino, loaded on first use: a one-shot CLI call that logs nothing at its level never pays for
 * loading it (pino, sonic-boom and their node:assert/worker imports were ~10% of a CLI call).
 */
function loadPino(): typeof pinoModule {
  return createRequire(import.meta.url)('pino') as typeof pinoModule;
}

/** Builds a logger. Entry points call `configureLogger` once; modules import `logger`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const pino = loadPino();
  const out = options.destination ?? process.stdout;
  const pretty = options.pretty ?? Boolean((out as { isTTY?: boolean }).isTTY);
  const base = { level: options.level ?? 'info', redact: { paths: REDACT, censor: '[redacted]' }, base: { pid: process.pid } };
  const fd = (out as { fd?: number }).fd;
  return pino(base, pretty ? prettyStream(out) : typeof fd === 'number' ? pino.destination({ dest: fd, sync: true }) : (out as DestinationStream));
}

const LEVEL_VALUES: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/** What modules call on the process logger: pino's level methods and `flush`. */
export interface AppLogger {
  readonly level: LogLevel;
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  flush(): void;
}

/**
 * The process logger: a pino logger made on the first line at or above its level, so a process
 * that logs nothing (a quiet CLI call) never loads pino. Lines are pino's, unchanged.
 */
class LazyLogger implements AppLogger {
  private made?: Logger;
  readonly trace: LogFn = this.at('trace');
  readonly debug: LogFn = this.at('debug');
  readonly info: LogFn = this.at('info');
  readonly warn: LogFn = this.at('warn');
  readonly error: LogFn = this.at('error');
  readonly fatal: LogFn = this.at('fatal');

  constructor(private readonly options: LoggerOptions) {}

  get level(): LogLevel {
    return this.options.level ?? 'info';
  }

  private at(level: Exclude<LogLevel, 'silent'>): LogFn {
    return ((...args: Parameters<LogFn>) => {
      if (LEVEL_VALUES[level] < LEVEL_VALUES[this.level]) return;
      this.made ??= createLogger(this.options);
      this.made[level](...args);
    }) as LogFn;
  }

  flush(): void {
    this.made?.flush();
  }
}

/**
 * The process logger. Starts at `warn` on stderr, so a one-shot CLI call prints nothing
 * unexpected on stdout (its output may be JSON); `npm start` reconfigures it from LOG_LEVEL.
 */
export let logger: AppLogger = new LazyLogger({ level: 'warn', destination: process.stderr });

/** Replaces the process logger (entry points, from the settings). */
export function configureLogger(options: LoggerOptions): AppLogger {
  logger = new LazyLogger(options);
  return logger;
}

/** Flushes buffered lines (before exit). */
export function flushLogs(): void {
  try {
    logger.flush();
  } catch {
    // A synchronous destination has nothing buffered.
  }
}
