/**
 * What the deadline scheduler has sent, kept in the reports database so that a restarted bot
 * never sends the same reminder twice and knows which status-board message to edit.
 *
 * A notification is claimed (`pending`) in its own transaction *before* it is sent and settled
 * (`sent` / `failed`) after: a crash between the two leaves it `pending`, which counts as sent.
 * For reminders, at most once is the right side to err on — a missed reminder is caught by the
 * next stage, a duplicate annoys a county office.
 *
 * ```ts
 * if (log.claim('remind:2025-03:城区:before', 'discord:42')) {
 *   try { await send(); log.settle(key, 'discord:42', 'sent'); }
 *   catch (e) { log.settle(key, 'discord:42', 'failed', String(e)); }
 * }
 * ```
 */
import type Database from 'better-sqlite3';

export type NotificationState = 'pending' | 'sent' | 'failed';

export interface NotificationRow {
  key: string;
  recipient: string;
  at: string;
  state: NotificationState;
  detail: string | null;
}

export interface BoardRow {
  surface: string;
  month: string;
  messageId: string | null;
  contentHash: string | null;
  postedAt: string;
  editedAt: string | null;
  edits: number;
}

export class NotificationLog {
  private readonly st;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.st = {
      claim: db.prepare(`INSERT OR IGNORE INTO notifications (key, recipient, at, state) VALUES (?, ?, ?, 'pending')`),
      settle: db.prepare('UPDATE notifications SET state = ?, detail = ?, at = ? WHERE key = ? AND recipient = ?'),
      byPrefix: db.prepare(
        `SELECT key, recipient, at, state, detail FROM notifications WHERE key >= ? AND key < ? ORDER BY id`,
      ),
      hasKey: db.prepare('SELECT 1 FROM notifications WHERE key = ? LIMIT 1').pluck(),
      retry: db.prepare(`UPDATE notifications SET state = 'pending', at = ? WHERE key = ? AND recipient = ? AND state = 'failed'`),
      failedTo: db.prepare(
        `SELECT key, recipient, at, state, detail FROM notifications WHERE state = 'failed' AND recipient >= ? AND recipient < ? ORDER BY id`,
      ),
      board: db.prepare(
        `SELECT surface, month, message_id AS messageId, content_hash AS contentHash, posted_at AS postedAt,
                edited_at AS editedAt, edits FROM boards WHERE surface = ? AND month = ?`,
      ),
      boardsOf: db.prepare(
        `SELECT surface, month, message_id AS messageId, content_hash AS contentHash, posted_at AS postedAt,
                edited_at AS editedAt, edits FROM boards WHERE month = ? ORDER BY surface`,
      ),
      claimBoard: db.prepare('INSERT OR IGNORE INTO boards (surface, month, posted_at) VALUES (?, ?, ?)'),
      releaseBoard: db.prepare('DELETE FROM boards WHERE surface = ? AND month = ? AND message_id IS NULL'),
      posted: db.prepare('UPDATE boards SET message_id = ?, content_hash = ? WHERE surface = ? AND month = ?'),
      edited: db.prepare('UPDATE boards SET content_hash = ?, edited_at = ?, edits = edits + 1 WHERE surface = ? AND month = ?'),
    };
  }

  /** Records the intent to send `key` to `recipient`; false when it was claimed before (sent, failed or in doubt). */
  claim(key: string, recipient: string): boolean {
    return this.st.claim.run(key, recipient, this.now().toISOString()).changes > 0;
  }

  settle(key: string, recipient: string, state: Exclude<NotificationState, 'pending'>, detail?: string): void {
    this.st.settle.run(state, detail ?? null, this.now().toISOString(), key, recipient);
  }

  /**
   * Claims a failed notification again for another attempt (it is `pending` until settled);
   * false when it is not in the failed state (sent, or claimed by another attempt meanwhile).
   */
  retry(key: string, recipient: string): boolean {
    return this.st.retry.run(this.now().toISOString(), key, recipient).changes > 0;
  }

  /** Failed notifications whose recipient starts with `recipientPrefix` (`channel:`), oldest first. */
  failedTo(recipientPrefix: string): NotificationRow[] {
    return this.st.failedTo.all(recipientPrefix, `${recipientPrefix}\uffff`) as NotificationRow[];
  }

  /** True when anything was ever claimed under exactly this key. */
  has(key: string): boolean {
    return this.st.hasKey.get(key) === 1;
  }

  /** Every notification whose key starts with `prefix`, oldest first (`remind:2025-03:`). */
  withPrefix(prefix: string): NotificationRow[] {
    // Keys are compared as strings: [prefix, prefix + U+FFFF) is exactly "starts with prefix".
    return this.st.byPrefix.all(prefix, `${prefix}\uffff`) as NotificationRow[];
  }

  board(surface: string, month: string): BoardRow | undefined {
    return this.st.board.get(surface, month) as BoardRow | undefined;
  }

  boards(month: string): BoardRow[] {
    return this.st.boardsOf.all(month) as BoardRow[];
  }

  /** Claims the one board message of a month on a surface; false when it exists (or is being posted). */
  claimBoard(surface: string, month: string): boolean {
    return this.st.claimBoard.run(surface, month, this.now().toISOString()).changes > 0;
  }

  /**
   * Gives up the claim of a board whose post failed (nothing was posted), so the next attempt
   * may post it; a board that was posted is never released.
   */
  releaseBoard(surface: string, month: string): void {
    this.st.releaseBoard.run(surface, month);
  }

  boardPosted(surface: string, month: string, messageId: string, contentHash: string): void {
    this.st.posted.run(messageId, contentHash, surface, month);
  }

  boardEdited(surface: string, month: string, contentHash: string): void {
    this.st.edited.run(contentHash, this.now().toISOString(), surface, month);
  }
}
