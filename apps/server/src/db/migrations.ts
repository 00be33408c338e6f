import type { Db } from './db-handle.js';

/**
 * Schema migrations, applied in order at start. The schema version is SQLite's
 * `user_version`. Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ('admin', 'president', 'member', 'examiner')),
    created_at INTEGER NOT NULL
  );

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    secret_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions(user_id);

  CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL
  );

  CREATE TABLE exam_sessions (
    id INTEGER PRIMARY KEY,
    regulation_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    centre TEXT NOT NULL,
    academie TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT
  );

  CREATE TABLE juries (
    id INTEGER PRIMARY KEY,
    exam_session_id INTEGER NOT NULL REFERENCES exam_sessions(id),
    name TEXT NOT NULL,
    appointment_ref TEXT,
    generation INTEGER NOT NULL DEFAULT 1,
    locked_at TEXT
  );

  CREATE TABLE jury_members (
    jury_id INTEGER NOT NULL REFERENCES juries(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    category TEXT NOT NULL CHECK (category IN ('enseignant', 'professionnel_employeur', 'professionnel_salarie')),
    is_president INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (jury_id, user_id)
  );
  CREATE UNIQUE INDEX one_president_per_jury ON jury_members(jury_id) WHERE is_president = 1;

  CREATE TABLE commissions (
    id INTEGER PRIMARY KEY,
    jury_id INTEGER NOT NULL REFERENCES juries(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    room TEXT NOT NULL,
    units TEXT NOT NULL,
    generation INTEGER NOT NULL DEFAULT 1
  );

  CREATE TABLE commission_examiners (
    commission_id INTEGER NOT NULL REFERENCES commissions(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (commission_id, user_id)
  );

  CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    exam_session_id INTEGER NOT NULL REFERENCES exam_sessions(id),
    jury_id INTEGER REFERENCES juries(id),
    number TEXT NOT NULL,
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    birth_date TEXT,
    status TEXT,
    lv1 TEXT,
    lv2 TEXT,
    UNIQUE (exam_session_id, number)
  );

  -- Entries the server holds for a candidate: imported written marks, bénéfices, dispenses.
  CREATE TABLE candidate_entries (
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    entry TEXT NOT NULL,
    PRIMARY KEY (candidate_id, unit)
  );

  -- Optional units (UF1–UF3) a candidate registered for.
  CREATE TABLE candidate_options (
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    PRIMARY KEY (candidate_id, unit)
  );

  CREATE TABLE passages (
    commission_id INTEGER NOT NULL REFERENCES commissions(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    scheduled_at TEXT,
    PRIMARY KEY (commission_id, candidate_id)
  );

  -- Append-only log of accepted Yjs updates, compacted now and then into one row.
  CREATE TABLE document_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX document_updates_by_document ON document_updates(document, id);

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id TEXT,
    role TEXT,
    document TEXT,
    candidate_id INTEGER,
    unit TEXT,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT,
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  `,
  `
  -- The final record of a locked jury: written once, never updated nor deleted.
  CREATE TABLE final_records (
    jury_id INTEGER PRIMARY KEY REFERENCES juries(id),
    locked_at TEXT NOT NULL,
    locked_by TEXT NOT NULL REFERENCES users(id),
    record TEXT NOT NULL,
    sha256 TEXT NOT NULL
  );
  CREATE TRIGGER final_records_immutable_update BEFORE UPDATE ON final_records
    BEGIN SELECT RAISE(ABORT, 'procès-verbal verrouillé : modification interdite'); END;
  CREATE TRIGGER final_records_immutable_delete BEFORE DELETE ON final_records
    BEGIN SELECT RAISE(ABORT, 'procès-verbal verrouillé : suppression interdite'); END;

  -- A lock is never lifted.
  CREATE TRIGGER juries_lock_is_final BEFORE UPDATE OF locked_at ON juries
    WHEN OLD.locked_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'jury verrouillé : pas de déverrouillage'); END;

  -- Corrections after the lock: dated amendments beside the record, never edits.
  CREATE TABLE amendments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jury_id INTEGER NOT NULL REFERENCES final_records(jury_id),
    candidate_id INTEGER NOT NULL REFERENCES candidates(id),
    unit TEXT,
    before TEXT,
    after TEXT NOT NULL,
    reason TEXT NOT NULL,
    author TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
  );
  CREATE TRIGGER amendments_immutable_update BEFORE UPDATE ON amendments
    BEGIN SELECT RAISE(ABORT, 'rectificatif enregistré : modification interdite'); END;
  CREATE TRIGGER amendments_immutable_delete BEFORE DELETE ON amendments
    BEGIN SELECT RAISE(ABORT, 'rectificatif enregistré : suppression interdite'); END;
  `,
  `
  -- Examiner invitations: a one-time code for a professional, scoped to one commission.
  -- Only the SHA-256 of the code is stored; valid_until is the last valid day (YYYY-MM-DD).
  CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    commission_id INTEGER NOT NULL REFERENCES commissions(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL UNIQUE,
    label TEXT,
    valid_until TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    used_at TEXT,
    used_by TEXT REFERENCES users(id),
    revoked_at TEXT,
    revoked_by TEXT REFERENCES users(id)
  );
  CREATE INDEX invitations_by_commission ON invitations(commission_id);

  -- Every attempt at redeeming a code (never the code itself): when, from where, outcome.
  CREATE TABLE invitation_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    address TEXT NOT NULL,
    outcome TEXT NOT NULL,
    invitation_id INTEGER REFERENCES invitations(id) ON DELETE SET NULL,
    user_id TEXT REFERENCES users(id) ON DELETE SET NULL
  );
  CREATE INDEX passages_by_candidate ON passages(candidate_id);
  `,
  `
  -- The centre's Ed25519 signing keys (minute/signing-keys.ts). A key is never changed nor
  -- deleted: every minute it signed must stay verifiable. A new key is a new row; the newest
  -- of a centre signs. The private key (PKCS#8 DER) is as safe as this database file.
  CREATE TABLE signing_keys (
    id TEXT PRIMARY KEY,
    centre TEXT NOT NULL,
    algorithm TEXT NOT NULL CHECK (algorithm = 'Ed25519'),
    public_key TEXT NOT NULL UNIQUE,
    private_key BLOB NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX signing_keys_by_centre ON signing_keys(centre, created_at);
  CREATE TRIGGER signing_keys_immutable_update BEFORE UPDATE ON signing_keys
    BEGIN SELECT RAISE(ABORT, 'clé de signature : modification interdite'); END;
  CREATE TRIGGER signing_keys_immutable_delete BEFORE DELETE ON signing_keys
    BEGIN SELECT RAISE(ABORT, 'clé de signature : suppression interdite'); END;

  -- The president's signature of a locked record (minute/sign-minute.ts): written once.
  -- envelope is the signature file embedded in the PDF (canonical JSON).
  CREATE TABLE minute_signatures (
    jury_id INTEGER PRIMARY KEY REFERENCES final_records(jury_id),
    record_sha256 TEXT NOT NULL,
    key_id TEXT NOT NULL REFERENCES signing_keys(id),
    signed_at TEXT NOT NULL,
    signed_by TEXT NOT NULL REFERENCES users(id),
    envelope TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL
  );
  CREATE TRIGGER minute_signatures_immutable_update BEFORE UPDATE ON minute_signatures
    BEGIN SELECT RAISE(ABORT, 'procès-verbal signé : modification interdite'); END;
  CREATE TRIGGER minute_signatures_immutable_delete BEFORE DELETE ON minute_signatures
    BEGIN SELECT RAISE(ABORT, 'procès-verbal signé : suppression interdite'); END;
  `,
  `
  -- Who writes under which Yjs client id, per document (sync/check-authorship.ts): the
  -- first user to write under an id owns it; a structure under someone else's id is refused.
  CREATE TABLE document_clients (
    document TEXT NOT NULL,
    client INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (document, client)
  ) WITHOUT ROWID;
  `,
  `
  -- INSERT OR REPLACE (and UPDATE OR REPLACE) deletes the row it conflicts with without
  -- firing that row's delete triggers (SQLite fires them only under recursive_triggers), so
  -- a row written once could be swapped for another. Refuse any write that would meet an
  -- existing row of a table whose rows are never changed nor deleted.
  CREATE TRIGGER final_records_no_replace BEFORE INSERT ON final_records
    WHEN EXISTS (SELECT 1 FROM final_records WHERE jury_id = NEW.jury_id)
    BEGIN SELECT RAISE(ABORT, 'procès-verbal verrouillé : remplacement interdit'); END;
  CREATE TRIGGER amendments_no_replace BEFORE INSERT ON amendments
    WHEN EXISTS (SELECT 1 FROM amendments WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'rectificatif enregistré : remplacement interdit'); END;
  CREATE TRIGGER signing_keys_no_replace BEFORE INSERT ON signing_keys
    WHEN EXISTS (SELECT 1 FROM signing_keys WHERE id = NEW.id OR public_key = NEW.public_key)
    BEGIN SELECT RAISE(ABORT, 'clé de signature : remplacement interdit'); END;
  CREATE TRIGGER minute_signatures_no_replace BEFORE INSERT ON minute_signatures
    WHEN EXISTS (SELECT 1 FROM minute_signatures WHERE jury_id = NEW.jury_id)
    BEGIN SELECT RAISE(ABORT, 'procès-verbal signé : remplacement interdit'); END;

  -- A locked jury could be replaced by an unlocked row the same way, by an insert or by
  -- giving another jury its id.
  CREATE TRIGGER juries_locked_no_replace BEFORE INSERT ON juries
    WHEN EXISTS (SELECT 1 FROM juries WHERE id = NEW.id AND locked_at IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'jury verrouillé : remplacement interdit'); END;
  CREATE TRIGGER juries_locked_keeps_its_id BEFORE UPDATE OF id ON juries
    WHEN NEW.id IS NOT OLD.id AND (
      OLD.locked_at IS NOT NULL
      OR EXISTS (SELECT 1 FROM juries WHERE id = NEW.id AND locked_at IS NOT NULL))
    BEGIN SELECT RAISE(ABORT, 'jury verrouillé : remplacement interdit'); END;
  `,
  `
  -- An amendment corrects an input of the deliberation, a unit's entry or the jury's
  -- adjustment, and the rules recompute the decision, stored beside it; it never sets a
  -- decision. Rows written before keep NULL in the new columns (unit NULL: a decision).
  ALTER TABLE amendments ADD COLUMN input TEXT CHECK (input IN ('entry', 'adjustment'));
  ALTER TABLE amendments ADD COLUMN decision_before TEXT;
  ALTER TABLE amendments ADD COLUMN decision_after TEXT;
  CREATE TRIGGER amendments_correct_an_input BEFORE INSERT ON amendments
    WHEN NEW.unit IS NULL OR NEW.input IS NULL
      OR NEW.decision_before IS NULL OR NEW.decision_after IS NULL
    BEGIN SELECT RAISE(ABORT, 'rectificatif : il corrige une note ou un ajustement, jamais une décision'); END;
  `,
  `
  -- One signed extract per candidate of a signed minute (minute/transcript-extracts.ts): what
  -- that candidate's relevé de notes carries, and what its verification code finds. Written
  -- once, the first time the relevés are produced; extract is the signed canonical JSON.
  CREATE TABLE transcript_signatures (
    jury_id INTEGER NOT NULL REFERENCES minute_signatures(jury_id),
    candidate_id INTEGER NOT NULL,
    extract_sha256 TEXT NOT NULL UNIQUE,
    extract TEXT NOT NULL,
    envelope TEXT NOT NULL,
    PRIMARY KEY (jury_id, candidate_id)
  );
  CREATE TRIGGER transcript_signatures_immutable_update BEFORE UPDATE ON transcript_signatures
    BEGIN SELECT RAISE(ABORT, 'relevé signé : modification interdite'); END;
  CREATE TRIGGER transcript_signatures_immutable_delete BEFORE DELETE ON transcript_signatures
    BEGIN SELECT RAISE(ABORT, 'relevé signé : suppression interdite'); END;
  CREATE TRIGGER transcript_signatures_no_replace BEFORE INSERT ON transcript_signatures
    WHEN EXISTS (SELECT 1 FROM transcript_signatures
      WHERE (jury_id = NEW.jury_id AND candidate_id = NEW.candidate_id)
        OR extract_sha256 = NEW.extract_sha256)
    BEGIN SELECT RAISE(ABORT, 'relevé signé : remplacement interdit'); END;
  `,
  `
  -- Rectified minutes (minute/rectified-minutes.ts): after corrections since the lock, the
  -- president signs a procès-verbal rectificatif that lists them and references the original
  -- minute, which stays as it was signed. Each one covers every amendment up to
  -- amendments_through; written once, never changed.
  CREATE TABLE rectified_minutes (
    jury_id INTEGER NOT NULL REFERENCES minute_signatures(jury_id),
    sequence INTEGER NOT NULL CHECK (sequence >= 1),
    amendments_through INTEGER NOT NULL REFERENCES amendments(id),
    record TEXT NOT NULL,
    record_sha256 TEXT NOT NULL UNIQUE,
    key_id TEXT NOT NULL REFERENCES signing_keys(id),
    signed_at TEXT NOT NULL,
    signed_by TEXT NOT NULL REFERENCES users(id),
    envelope TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    PRIMARY KEY (jury_id, sequence)
  );
  CREATE TRIGGER rectified_minutes_immutable_update BEFORE UPDATE ON rectified_minutes
    BEGIN SELECT RAISE(ABORT, 'procès-verbal rectificatif signé : modification interdite'); END;
  CREATE TRIGGER rectified_minutes_immutable_delete BEFORE DELETE ON rectified_minutes
    BEGIN SELECT RAISE(ABORT, 'procès-verbal rectificatif signé : suppression interdite'); END;
  CREATE TRIGGER rectified_minutes_no_replace BEFORE INSERT ON rectified_minutes
    WHEN EXISTS (SELECT 1 FROM rectified_minutes
      WHERE (jury_id = NEW.jury_id AND sequence = NEW.sequence)
        OR record_sha256 = NEW.record_sha256)
    BEGIN SELECT RAISE(ABORT, 'procès-verbal rectificatif signé : remplacement interdit'); END;

  -- The relevés of a rectified minute: one signed extract per deliberated candidate of it.
  CREATE TABLE rectified_transcript_signatures (
    jury_id INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    candidate_id INTEGER NOT NULL,
    extract_sha256 TEXT NOT NULL UNIQUE,
    extract TEXT NOT NULL,
    envelope TEXT NOT NULL,
    PRIMARY KEY (jury_id, sequence, candidate_id),
    FOREIGN KEY (jury_id, sequence) REFERENCES rectified_minutes(jury_id, sequence)
  );
  CREATE TRIGGER rectified_transcript_signatures_immutable_update
    BEFORE UPDATE ON rectified_transcript_signatures
    BEGIN SELECT RAISE(ABORT, 'relevé signé : modification interdite'); END;
  CREATE TRIGGER rectified_transcript_signatures_immutable_delete
    BEFORE DELETE ON rectified_transcript_signatures
    BEGIN SELECT RAISE(ABORT, 'relevé signé : suppression interdite'); END;
  CREATE TRIGGER rectified_transcript_signatures_no_replace
    BEFORE INSERT ON rectified_transcript_signatures
    WHEN EXISTS (SELECT 1 FROM rectified_transcript_signatures
      WHERE (jury_id = NEW.jury_id AND sequence = NEW.sequence AND candidate_id = NEW.candidate_id)
        OR extract_sha256 = NEW.extract_sha256)
    BEGIN SELECT RAISE(ABORT, 'relevé signé : remplacement interdit'); END;
  `,
  `
  -- The candidate's consent to the publication of their name on the list of admitted
  -- candidates (publication/): 1 yes, 0 no. Without it, the list shows the number only.
  ALTER TABLE candidates ADD COLUMN publication_consent INTEGER NOT NULL DEFAULT 0
    CHECK (publication_consent IN (0, 1));
  `,
  `
  -- Harmonisation (harmonisation/): the gap between a commission's mean and the cohort's
  -- beyond which the board and the centre's page raise an alert, per exam session, in
  -- hundredths of a point. A session without a row uses the default (2 points).
  CREATE TABLE harmonisation_settings (
    exam_session_id INTEGER PRIMARY KEY REFERENCES exam_sessions(id),
    alert_gap_hundredths INTEGER NOT NULL CHECK (alert_gap_hundredths BETWEEN 1 AND 2000),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
  -- Who wrote each mark in force is read from the audit trail, per document.
  CREATE INDEX audit_log_by_document ON audit_log(document, action, id);
  `,
  `
  -- Regulations uploaded by an admin (regulations/regulation-catalog.ts): another specialty
  -- as data, checked by loadRegulation. Written once: a session that follows a regulation
  -- must never see it change, so a new version is a new id. json is the text as checked.
  CREATE TABLE uploaded_regulations (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    json TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users(id),
    uploaded_at TEXT NOT NULL
  );
  CREATE TRIGGER uploaded_regulations_immutable_update BEFORE UPDATE ON uploaded_regulations
    BEGIN SELECT RAISE(ABORT, 'règlement déposé : modification interdite'); END;
  CREATE TRIGGER uploaded_regulations_immutable_delete BEFORE DELETE ON uploaded_regulations
    BEGIN SELECT RAISE(ABORT, 'règlement déposé : suppression interdite'); END;
  CREATE TRIGGER uploaded_regulations_no_replace BEFORE INSERT ON uploaded_regulations
    WHEN EXISTS (SELECT 1 FROM uploaded_regulations WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'règlement déposé : remplacement interdit'); END;

  -- The settings a centre chose for a session (@delib/rules SessionSettings, JSON), over its
  -- regulation's defaults; NULL: the regulation's own. Frozen once a mark exists.
  ALTER TABLE exam_sessions ADD COLUMN settings TEXT;
  `,
  `
  -- An amendment may also set or correct the mark of an épreuve de contrôle after the lock
  -- (input 'control', unit naming the épreuve: U1, LV1, U3). SQLite changes a CHECK only by
  -- rebuilding the table (migrate runs this with foreign keys off, checked before the commit):
  -- the same columns in the same order, every row and id kept, the sequence carried over, and
  -- the triggers of the table made again as they were.
  CREATE TABLE amendments_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jury_id INTEGER NOT NULL REFERENCES final_records(jury_id),
    candidate_id INTEGER NOT NULL REFERENCES candidates(id),
    unit TEXT,
    before TEXT,
    after TEXT NOT NULL,
    reason TEXT NOT NULL,
    author TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    input TEXT CHECK (input IN ('entry', 'adjustment', 'control')),
    decision_before TEXT,
    decision_after TEXT
  );
  INSERT INTO amendments_rebuilt (id, jury_id, candidate_id, unit, before, after, reason, author,
      created_at, input, decision_before, decision_after)
    SELECT id, jury_id, candidate_id, unit, before, after, reason, author,
      created_at, input, decision_before, decision_after
    FROM amendments ORDER BY id;
  UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'amendments')
    WHERE name = 'amendments_rebuilt' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'amendments');
  DROP TABLE amendments;
  ALTER TABLE amendments_rebuilt RENAME TO amendments;
  CREATE TRIGGER amendments_immutable_update BEFORE UPDATE ON amendments
    BEGIN SELECT RAISE(ABORT, 'rectificatif enregistré : modification interdite'); END;
  CREATE TRIGGER amendments_immutable_delete BEFORE DELETE ON amendments
    BEGIN SELECT RAISE(ABORT, 'rectificatif enregistré : suppression interdite'); END;
  CREATE TRIGGER amendments_no_replace BEFORE INSERT ON amendments
    WHEN EXISTS (SELECT 1 FROM amendments WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'rectificatif enregistré : remplacement interdit'); END;
  CREATE TRIGGER amendments_correct_an_input BEFORE INSERT ON amendments
    WHEN NEW.unit IS NULL OR NEW.input IS NULL
      OR NEW.decision_before IS NULL OR NEW.decision_after IS NULL
    BEGIN SELECT RAISE(ABORT, 'rectificatif : il corrige une note ou un ajustement, jamais une décision'); END;
  `,
];

/**
 * Applies the migrations the file lacks, each in its own transaction. Foreign keys are not
 * enforced while they run, as SQLite asks of a migration that rebuilds a table (the only way it
 * changes a constraint: a referenced table is dropped, then its copy renamed); each migration
 * checks them before it commits, and they are enforced again after.
 */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current >= MIGRATIONS.length) return;
  // A no-op inside a transaction: set between them.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[version] as string);
        const broken = db.pragma('foreign_key_check') as { table: string }[];
        if (broken.length > 0) {
          throw new Error(
            `migration ${version + 1} : clé étrangère rompue dans ${broken.map((b) => b.table).join(', ')}`,
          );
        }
        db.pragma(`user_version = ${version + 1}`);
      })();
    }
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}
