import { engineOf } from './db-handle.js';
import type { Db, SqlStatement } from './db-handle.js';

/**
 * The statement of `lockedJuries`, prepared once per connection: every sync commit asks it,
 * and a statement prepared per call cost a compilation each time and left a native handle
 * for the garbage collector (`pnpm bench:sync --profile`).
 */
const statements = new WeakMap<Db, SqlStatement>();

function lockedAtStatement(db: Db): SqlStatement {
  let statement = statements.get(db);
  if (!statement) {
    const share = engineOf(db) === 'postgres' ? ' FOR SHARE' : '';
    statement = db.prepare(`SELECT locked_at AS "lockedAt" FROM juries WHERE id = ?${share}`);
    statements.set(db, statement);
  }
  return statement;
}

/**
 * Which of these juries are locked, read inside the caller's transaction. On PostgreSQL the
 * rows are share-locked in id order: a lock of one of them (a FOR UPDATE of its row, on any
 * process) waits for this transaction to end, or this one for the lock's, so a write and a
 * lock never both succeed. On SQLite one writer at a time gives the same.
 */
export function lockedJuries(db: Db, juryIds: ReadonlySet<number>): Set<number> {
  const statement = lockedAtStatement(db);
  const locked = new Set<number>();
  for (const id of [...juryIds].sort((a, b) => a - b)) {
    const row = statement.get(id) as { lockedAt: string | null } | undefined;
    if (row?.lockedAt != null) locked.add(id);
  }
  return locked;
}

/**
 * Takes a jury's row for the rest of the transaction (PostgreSQL: FOR UPDATE), so that
 * every commit of its documents waits: the lock reads what is committed and nothing more
 * can be. On SQLite the lock's transaction is the only writer already.
 */
export function takeJuryRow(db: Db, juryId: number): void {
  if (engineOf(db) === 'postgres')
    db.prepare('SELECT id FROM juries WHERE id = ? FOR UPDATE').get(juryId);
}
