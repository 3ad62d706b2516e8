/**
 * Remembers recent deliveries so a retried, duplicated or replayed one is answered without
 * running twice.
 *
 * Slack redelivers a request it thinks failed (header `x-slack-retry-num`), and a double click,
 * a flaky proxy or an attacker replaying a captured signed request can send the same interaction
 * again. Each delivery has a key that is the same on every copy (the trigger_id, or view id +
 * hash for a view submission). The first copy runs; later copies get the first one's
 * acknowledgement — the same `response_action` for a view submission — and nothing is stored twice.
 *
 * Entries are bounded by time, not by count: each is kept for the whole window in which Slack's
 * signature check still accepts a copy (5 minutes, plus the clock skew allowed for timestamps in
 * the future), however much other traffic arrives meanwhile; memory is one window's traffic.
 */
export interface DeliveriesOptions {
  /** How long a delivery is remembered, in ms (default 5 minutes + 1 minute of skew). */
  keepMs?: number;
  /** The clock, in ms (tests). */
  now?: () => number;
}

export class Deliveries<T> {
  private readonly entries = new Map<string, { answer: Promise<T>; until: number }>();
  private readonly keepMs: number;
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(options: DeliveriesOptions = {}) {
    this.keepMs = options.keepMs ?? 6 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The first delivery's answer for `key`, or undefined when this key is new (or long expired). */
  seen(key: string): Promise<T> | undefined {
    const hit = this.entries.get(key);
    return hit && hit.until >= this.now() ? hit.answer : undefined;
  }

  /** Records the answer (possibly still pending) of the first delivery with `key`. */
  record(key: string, answer: Promise<T>): void {
    const now = this.now();
    this.sweep(now);
    this.entries.set(key, { answer, until: now + this.keepMs });
  }

  /** Entries held now (tests, metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops expired entries, at most once a second; insertion order is expiry order. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, e] of this.entries) {
      if (e.until >= now) break;
      this.entries.delete(key);
    }
  }
}
