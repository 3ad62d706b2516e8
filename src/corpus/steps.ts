/**
 * Work done in steps: a generator that yields between pieces of a long job (reading a large
 * corpus, loading an index shard by shard), so a running bot can give other work a turn between
 * them, while a caller that needs the result now runs it to the end with {@link drain}.
 *
 * @module
 */

/** Runs a step generator to its end and returns its result. */
export function drain<R>(steps: Generator<void, R>): R {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
