/**
 * Numbered migrations, applied in order at start-up. `PRAGMA user_version` records how many
 * have run, so opening an old file brings it up to date and opening a new one creates it.
 * Append new migrations; never edit one that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: membership, preferences, reports with revisions, month flags, audit log.
  `
  CREATE TABLE coordinators (
    user_id TEXT PRIMARY KEY,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
  );
  CREATE TABLE members (
    user_id TEXT NOT NULL,
    unit TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (user_id, unit)
  );
  CREATE INDEX members_by_unit ON members (unit);
  CREATE TABLE preferences (
    user_id TEXT PRIMARY KEY,
    locale TEXT NOT NULL CHECK (locale IN ('zh-CN', 'en'))
  );
  CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    unit TEXT NOT NULL,
    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    values_json TEXT NOT NULL,
    no_activity INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    first_at TEXT NOT NULL,
    first_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    returned_at TEXT,
    returned_by TEXT,
    return_comment TEXT,
    UNIQUE (unit, month)
  );
  CREATE INDEX reports_by_month ON reports (month);
  CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    number INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('submit', 'amend', 'none')),
    user_id TEXT NOT NULL,
    at TEXT NOT NULL,
    values_json TEXT NOT NULL,
    reason TEXT,
    warnings_json TEXT,
    UNIQUE (report_id, number)
  );
  CREATE TABLE month_flags (
    unit TEXT NOT NULL,
    month TEXT NOT NULL,
    excused_at TEXT,
    excused_by TEXT,
    excuse_reason TEXT,
    reopened_at TEXT,
    reopened_by TEXT,
    reopen_reason TEXT,
    PRIMARY KEY (unit, month)
  );
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    unit TEXT,
    month TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'rejected')),
    detail TEXT
  );
  CREATE INDEX audit_by_user ON audit (user_id);
  `,
  // 2: what the deadline scheduler has sent (so a restart never sends twice) and the live
  // status-board messages it edits in place.
  `
  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    recipient TEXT NOT NULL,
    at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    detail TEXT,
    UNIQUE (key, recipient)
  );
  CREATE TABLE boards (
    surface TEXT NOT NULL,
    month TEXT NOT NULL,
    message_id TEXT,
    content_hash TEXT,
    posted_at TEXT NOT NULL,
    edited_at TEXT,
    edits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (surface, month)
  );
  `,
  // 3: the operating-system account behind each CLI write, beside the `--as` identity it stated.
  `
  ALTER TABLE audit ADD COLUMN os_user TEXT;
  `,
];
