import { createHash } from 'node:crypto';
import type { Db } from '../db/open-database.js';

/** A row of `final_records`, as stored. */
export interface FinalRecordRow {
  jury_id: number;
  record: string;
  sha256: string;
}

interface LockAuditRow {
  action: string;
  after: string | null;
  prev_hash: string;
}

/** The audit row the lock wrote (`lock-jury.ts`): right after the rows the record pins. */
export function lockRowId(pinnedRows: number): number {
  return pinnedRows + 1;
}

/** The chain head a record pins (`FinalRecord.audit`), or null when it is unreadable. */
export function pinOf(row: FinalRecordRow): { rows: number; head: string } | null {
  try {
    const { audit } = JSON.parse(row.record) as { audit?: { rows?: unknown; head?: unknown } };
    const rows = audit?.rows;
    const head = audit?.head;
    if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 0) return null;
    if (typeof head !== 'string') return null;
    return { rows, head };
  } catch {
    return null;
  }
}

/** What the lock wrote in its audit row's `after` (lock-jury.ts), or null when unreadable. */
export function lockDetails(after: string | null): { juryId?: unknown; sha256?: unknown } | null {
  try {
    return JSON.parse(after ?? 'null') as { juryId?: unknown; sha256?: unknown } | null;
  } catch {
    return null;
  }
}

/**
 * Why a stored final record is no longer the one that was locked, or null when it is. Three
 * seals, each cheap to check (two lookups by key): the record matches the SHA-256 stored
 * beside it; the lock's own audit row names this jury and that SHA-256; and that row follows
 * the chain head the record pins. Rewriting the record and its SHA-256 together thus means
 * rewriting the audit trail too, which `verifyAuditChain` sees. Messages are French: they go
 * to the log and to `delib audit:verify`.
 */
export function finalRecordProblem(db: Db, row: FinalRecordRow): string | null {
  const actual = createHash('sha256').update(row.record, 'utf8').digest('hex');
  if (actual !== row.sha256) {
    return 'le procès-verbal ne correspond plus à son empreinte SHA-256 (contenu modifié)';
  }
  const pin = pinOf(row);
  if (!pin) return 'le procès-verbal ne dit plus quel état du journal d’audit il scelle';
  const id = lockRowId(pin.rows);
  const lock = db.prepare('SELECT action, after, prev_hash FROM audit_log WHERE id = ?').get(id) as
    LockAuditRow | undefined;
  if (!lock) return `la ligne ${id} du journal d’audit, celle du verrouillage, a disparu`;
  const after = lockDetails(lock.after);
  if (lock.action !== 'verrouillage' || after?.juryId !== row.jury_id) {
    return `la ligne ${id} du journal d’audit n’est pas le verrouillage de ce jury`;
  }
  if (after.sha256 !== row.sha256) {
    return `l’empreinte du procès-verbal diffère de celle notée au verrouillage (ligne ${id} du journal d’audit)`;
  }
  if (lock.prev_hash !== pin.head) {
    return `le journal d’audit jusqu’à la ligne ${pin.rows} n’est plus celui que le procès-verbal a scellé`;
  }
  return null;
}
