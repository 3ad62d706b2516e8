/**
 * Remembers recent deliveries so a retried or duplicated one is answered without running twice.
 *
 * Slack redelivers a request it thinks failed (header `x-slack-retry-num`), and a double click
 * or a flaky proxy can send the same interaction twice. Each delivery has a key that is the same
 * on every copy (the trigger_id, or view id + hash for a view submission). The first copy runs;
 * later copies get the first one's acknowledgement — the same `response_action` for a view
 * submission — and nothing is stored twice.
 */
export class Deliveries<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity = 1000) {}

  /** The first delivery's answer for `key`, or undefined when this key is new. */
  seen(key: string): Promise<T> | undefined {
    return this.entries.get(key);
  }

  /** Records the answer (possibly still pending) of the first delivery with `key`. */
  record(key: string, answer: Promise<T>): void {
    this.entries.set(key, answer);
    // Oldest first: Map keeps insertion order, so the first key is the oldest.
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
