/**
 * Replay protection for signed webhooks (Slack's request signing): a request is accepted once
 * within its validity window, however much traffic arrives meanwhile. Entries are bounded by time,
 * not by count — each is kept until its own timestamp leaves the window — so a replay after 1,001
 * other requests is still caught, and memory is bounded by the traffic of one window.
 * Timestamps too far in the past or future are refused outright.
 *
 * Wired into the Slack adapter's HTTP receiver (src/adapters/slack/index.ts, guardTimestamps):
 * ```ts
 * const replays = new ReplayCache({ windowSeconds: 300, maxFutureSeconds: 60 });
 * const verdict = replays.check(signature, Number(headers['x-slack-request-timestamp']));
 * if (!verdict.ok) return refuse(401, verdict.reason);
 * ```
 */
export interface ReplayCacheOptions {
  /** How old a request may be, in seconds (Slack: 5 minutes). */
  windowSeconds?: number;
  /** How far in the future a timestamp may be (clock skew), in seconds. */
  maxFutureSeconds?: number;
  /** The clock, in milliseconds (tests). */
  now?: () => number;
}

export type ReplayVerdict = { ok: true } | { ok: false; reason: 'stale' | 'future' | 'replay' | 'bad_timestamp' };

export class ReplayCache {
  private readonly windowMs: number;
  private readonly futureMs: number;
  private readonly now: () => number;
  /** key → expiry (ms). */
  private readonly seen = new Map<string, number>();

  constructor(options: ReplayCacheOptions = {}) {
    this.windowMs = (options.windowSeconds ?? 300) * 1000;
    this.futureMs = (options.maxFutureSeconds ?? 60) * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Records `key` (e.g. the request signature) sent at `timestampSeconds`, or says why not. */
  check(key: string, timestampSeconds: number): ReplayVerdict {
    if (!Number.isFinite(timestampSeconds)) return { ok: false, reason: 'bad_timestamp' };
    const now = this.now();
    const sent = timestampSeconds * 1000;
    if (sent > now + this.futureMs) return { ok: false, reason: 'future' };
    if (sent < now - this.windowMs) return { ok: false, reason: 'stale' };
    this.sweep(now);
    if (this.seen.has(key)) return { ok: false, reason: 'replay' };
    // Kept until the request itself could no longer pass the age check.
    this.seen.set(key, sent + this.windowMs);
    return { ok: true };
  }

  /** Entries held now (for tests and metrics). */
  get size(): number {
    return this.seen.size;
  }

  private lastSweep = 0;

  /** Drops expired entries, at most once a second (each sweep is one pass over one window's traffic). */
  private sweep(now: number): void {
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, expiry] of this.seen) if (expiry < now) this.seen.delete(key);
  }
}
