/**
 * Follow-up conversations for rule questions. When a verdict is undetermined, the facts gathered
 * so far are kept per user for a while, so the next answer ("300万千瓦时", "不涉密") re-evaluates
 * the same rule with everything said so far. Kept in memory: nothing here has been acknowledged
 * as stored, and an expired conversation simply starts over.
 */
import type { Facts, RuleAnswer, RuleId } from '../../../rules/index.ts';

export interface PendingRule {
  ruleId: RuleId;
  facts: Facts;
  missing: RuleAnswer['missing'];
  /** Monthly figures waiting for the quarter's other months (四月1次，五月2次 with June missing). */
  monthly: RuleAnswer['monthly'];
  expiresAt: number;
}

/** How long a follow-up stays open. */
const TTL_MS = 30 * 60 * 1000;
/** Bound on remembered conversations, so a flood of users cannot grow memory without limit. */
const MAX_ENTRIES = 5000;

export class FollowUps {
  private readonly pending = new Map<string, PendingRule>();

  remember(userId: string, answer: RuleAnswer, now: Date): void {
    this.pending.delete(userId);
    // Kept after a verdict too: a what-if (那如果年用电600万千瓦时呢) re-evaluates with these facts.
    if (this.pending.size >= MAX_ENTRIES) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(userId, { ruleId: answer.rule, facts: answer.facts, missing: answer.missing, monthly: answer.monthly, expiresAt: now.getTime() + TTL_MS });
  }

  get(userId: string, now: Date): PendingRule | undefined {
    const p = this.pending.get(userId);
    if (p && p.expiresAt < now.getTime()) {
      this.pending.delete(userId);
      return undefined;
    }
    return p;
  }

  forget(userId: string): void {
    this.pending.delete(userId);
  }
}
