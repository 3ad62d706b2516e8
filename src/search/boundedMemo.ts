/**
 * A function's results remembered by argument, for the few words and paths questions bring back
 * again and again, with a bound so a long-running bot asked about everything does not keep them
 * all: when `max` results are kept, the next new one clears the memo first (cheaper than tracking
 * use, and the busy arguments come straight back).
 *
 * ```ts
 * const charsOf = boundedMemo(4096, (word: string) => [...word]);
 * charsOf('年假'); // computed once, then read back
 * ```
 *
 * @module
 */
export function boundedMemo<V, K = string>(max: number, compute: (key: K) => V): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    // One lookup on the hot path (some callers ask per clause read); has() only for an undefined result.
    const found = kept.get(key);
    if (found !== undefined || kept.has(key)) return found as V;
    const value = compute(key);
    if (kept.size >= max) kept.clear();
    kept.set(key, value);
    return value;
  };
}
