import { hash as digest } from 'node:crypto';
import canonicalize from 'canonicalize';
import { engineOf } from '../db/db-handle.js';
import type { Db } from '../db/open-database.js';
import {
  finalRecordProblem,
  lockDetails,
  lockRowId,
  pinOf,
} from '../deliberation/final-record-seal.js';
import type { FinalRecordRow } from '../deliberation/final-record-seal.js';
import { canonicalValue } from './writers-of-values-in-force.js';

/**
 * The audit trail: one row per accepted change, chained by hash. Each row's hash covers its
 * own fields and the previous row's hash, so editing, inserting or deleting a row breaks the
 * chain from that row on. Rows hold identifiers (user id, candidate id), never a candidate's
 * name.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  userId: string | null;
  role: string | null;
  document: string | null;
  candidateId: number | null;
  unit: string | null;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditRow extends AuditEvent {
  id: number;
  at: string;
  prevHash: string;
  hash: string;
}

interface StoredRow {
  id: number;
  at: string;
  user_id: string | null;
  role: string | null;
  document: string | null;
  candidate_id: number | null;
  unit: string | null;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** A row as its hash covers it: every field but the hash itself. */
type HashedRow = Omit<StoredRow, 'hash'>;

/**
 * The fields of every row `append` writes, in canonical (sorted) order: sorted once, not for
 * each row. `verifyAuditChain` sorts the columns it reads, so a row hashed here and checked
 * there is written the same way.
 */
const APPENDED_FIELDS: readonly string[] = (
  [
    'id',
    'at',
    'user_id',
    'role',
    'document',
    'candidate_id',
    'unit',
    'action',
    'before',
    'after',
    'reason',
    'prev_hash',
  ] satisfies (keyof HashedRow)[]
).sort();

/**
 * SHA-256 of the row's canonical JSON, in hex. One-shot (`crypto.hash`): a Hash object per
 * row, a stream, was a tenth of what the sync path allocated (`pnpm bench:sync`, sampling
 * heap profile).
 */
function rowHash(row: HashedRow, fields?: readonly string[]): string {
  return digest('sha256', canonicalRow(row, fields), 'hex');
}

/**
 * The canonical JSON (RFC 8785, as `canonicalize` writes it) of a flat row whose values are
 * strings, safe integers or null: its keys sorted, each key and value as JSON.stringify
 * writes them, which for these values is what RFC 8785 prescribes. Every accepted mark hashes
 * one audit row: the library's general walk made two Sets and a sort per key, 13 % of what the
 * sync path allocated (`pnpm bench:sync`). Any other value (a lone surrogate, which the
 * library refuses, a float, an object) goes to the library itself; a test checks that both
 * write the same text. `keys`, when given, are the row's own keys already sorted.
 */
const isWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean })
  .isWellFormed;

export function canonicalRow(
  row: Readonly<Record<string, string | number | null>>,
  keys: readonly string[] = Object.keys(row).sort(),
): string {
  let text = '{';
  for (const key of keys) {
    const value = row[key];
    const plain =
      value === null ||
      (typeof value === 'string' && isWellFormed.call(value)) ||
      (typeof value === 'number' && Number.isSafeInteger(value));
    if (!plain || !isWellFormed.call(key)) return canonicalize(row) ?? '';
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return `${text}}`;
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export class AuditTrail {
  private readonly lastHash;
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.lastHash = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO audit_log (id, at, user_id, role, document, candidate_id, unit, action, before, after, reason, prev_hash, hash)
       VALUES (@id, @at, @user_id, @role, @document, @candidate_id, @unit, @action, @before, @after, @reason, @prev_hash, @hash)`,
    );
  }

  /**
   * Appends events; call inside the transaction that stores the change itself (one is opened
   * otherwise). The chain's head is held until that transaction ends, by the one writer at a
   * time: SQLite's, or on PostgreSQL, where several processes append, the advisory lock
   * every transaction takes at BEGIN (postgres-database.ts).
   */
  append(events: AuditEvent[]): void {
    if (events.length === 0) return;
    if (!this.db.inTransaction) {
      this.db.transaction(() => this.append(events))();
      return;
    }
    const last = this.lastHash.get() as { id: number; hash: string } | undefined;
    let prevHash = last?.hash ?? GENESIS_HASH;
    let id = last?.id ?? 0;
    const at = this.now().toISOString();
    for (const event of events) {
      id += 1;
      const row: HashedRow = {
        id,
        at,
        user_id: event.userId,
        role: event.role,
        document: event.document,
        candidate_id: event.candidateId,
        unit: event.unit,
        action: event.action,
        before: toJson(event.before),
        after: toJson(event.after),
        reason: event.reason,
        prev_hash: prevHash,
      };
      const hash = rowHash(row, APPENDED_FIELDS);
      this.insert.run({ ...row, hash });
      prevHash = hash;
    }
  }

  /**
   * Appends a value set aside (`event`: `before` the value that lost to a concurrent one,
   * `after` the value kept) only while the last row telling of its cell (its document,
   * candidate and unit, with one of `actions`) still has that lost value as its value, and
   * as that row's writer's. Several processes may each find the same conflict; inside the
   * transaction that holds the chain's head, only the first appends it, and a conflict the
   * trail already tells (the value kept audited as replacing the lost one, or the lost one
   * audited as set aside) appends nothing. Returns whether it appended.
   */
  appendSetAside(event: Omit<AuditEvent, 'userId' | 'role'>, actions: readonly string[]): boolean {
    if (!this.db.inTransaction) {
      return this.db.transaction(() => this.appendSetAside(event, actions))();
    }
    const is = (value: unknown) => (value === null ? 'IS NULL' : '= ?');
    const last = this.db
      .prepare(
        `SELECT user_id AS "userId", role, after FROM audit_log
          WHERE document = ? AND candidate_id ${is(event.candidateId)} AND unit ${is(event.unit)}
            AND action IN (${actions.map(() => '?').join(', ')})
          ORDER BY id DESC LIMIT 1`,
      )
      .get(
        event.document,
        ...[event.candidateId, event.unit].filter((value) => value !== null),
        ...actions,
      ) as { userId: string | null; role: string | null; after: string | null } | undefined;
    const lost = canonicalValue(event.before);
    if (!last || last.after === null || canonicalValue(JSON.parse(last.after)) !== lost)
      return false;
    this.append([{ ...event, userId: last.userId, role: last.role }]);
    return true;
  }

  /** Number of rows and hash of the last one. */
  head(): { rows: number; head: string } {
    const last = this.lastHash.get() as { id: number; hash: string } | undefined;
    return { rows: last?.id ?? 0, head: last?.hash ?? GENESIS_HASH };
  }

  historyOfCandidate(candidateId: number): AuditRow[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE candidate_id = ? ORDER BY id')
      .all(candidateId) as StoredRow[];
    return rows.map(fromStored);
  }
}

function fromStored(row: StoredRow): AuditRow {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    role: row.role,
    document: row.document,
    candidateId: row.candidate_id,
    unit: row.unit,
    action: row.action,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export type ChainVerdict =
  { ok: true; rows: number } | { ok: false; rows: number; firstBadRowId: number; problem: string };

/**
 * Walks the whole chain. Ids are consecutive from 1, so a deleted row shows as a gap, an
 * inserted one as a hash mismatch, an edited one as a hash mismatch on that very row.
 *
 * Rows cut off the end leave no gap, so two more witnesses are asked. SQLite's AUTOINCREMENT
 * counter remembers the last id it gave. Each final record pins the chain's head and length
 * at its lock (`FinalRecord.audit`), and the lock's own row follows them: a trail shorter
 * than a pinned length, or whose pinned row is no longer the one sealed, is altered. Those
 * witnesses are in the same file, so what they cannot see is rows cut after the last lock by
 * someone who also rewrites the counter (the security notes say so).
 */
export function verifyAuditChain(db: Db): ChainVerdict {
  const rows = db
    .prepare('SELECT * FROM audit_log ORDER BY id')
    .iterate() as IterableIterator<StoredRow>;
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  /** Jury id of each lock row, by row id. */
  const locks = new Map<number, unknown>();
  for (const row of rows) {
    count += 1;
    if (row.id !== expectedId) {
      return {
        ok: false,
        rows: count,
        firstBadRowId: row.id,
        problem: `ligne ${expectedId} manquante (supprimée) avant la ligne ${row.id}`,
      };
    }
    if (row.prev_hash !== prevHash) {
      return {
        ok: false,
        rows: count,
        firstBadRowId: row.id,
        problem: `la ligne ${row.id} ne suit pas la ligne précédente (insertion ou suppression)`,
      };
    }
    const { hash, ...fields } = row;
    if (rowHash(fields) !== hash) {
      return {
        ok: false,
        rows: count,
        firstBadRowId: row.id,
        problem: `la ligne ${row.id} a été modifiée`,
      };
    }
    if (row.action === 'verrouillage') locks.set(row.id, lockDetails(row.after)?.juryId);
    prevHash = hash;
    expectedId += 1;
  }
  const problem = endOfTrailProblem(db, count, locks);
  if (problem) return { ok: false, rows: count, ...problem };
  return { ok: true, rows: count };
}

/** What the counter and the locked records say of a chain of `count` whole rows. */
function endOfTrailProblem(
  db: Db,
  count: number,
  locks: Map<number, unknown>,
): { firstBadRowId: number; problem: string } | null {
  const sequence = db
    .prepare(
      engineOf(db) === 'postgres'
        ? 'SELECT id AS seq FROM audit_log_high_water'
        : "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'",
    )
    .get() as { seq: number } | undefined;
  if (sequence && sequence.seq > count) {
    return {
      firstBadRowId: count + 1,
      problem: `lignes ${count + 1} à ${sequence.seq} supprimées à la fin du journal`,
    };
  }
  const records = db
    .prepare('SELECT jury_id, record, sha256 FROM final_records ORDER BY jury_id')
    .all() as FinalRecordRow[];
  for (const record of records) {
    const pin = pinOf(record);
    // An unreadable pin is reported by finalRecordProblem; blame the lock row the trail names.
    const lockRow = pin
      ? lockRowId(pin.rows)
      : ([...locks].find(([, juryId]) => juryId === record.jury_id)?.[0] ?? count);
    if (lockRow > count) {
      return {
        firstBadRowId: count + 1,
        problem: `journal tronqué : le procès-verbal du jury ${record.jury_id} a été verrouillé à la ligne ${lockRow}, le journal s’arrête à la ligne ${count}`,
      };
    }
    const problem = finalRecordProblem(db, record);
    if (problem) {
      return {
        firstBadRowId: lockRow,
        problem: `procès-verbal du jury ${record.jury_id} : ${problem}`,
      };
    }
  }
  for (const [rowId, juryId] of locks) {
    if (!records.some((record) => record.jury_id === juryId)) {
      return {
        firstBadRowId: rowId,
        problem: `la ligne ${rowId} verrouille le jury ${String(juryId)}, dont le procès-verbal a disparu`,
      };
    }
  }
  return null;
}
