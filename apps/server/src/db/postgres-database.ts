import { createHash } from 'node:crypto';
import { createSyncFn } from 'synckit';
import { markEngine } from './db-handle.js';
import type { ArgumentsOf, Db, SqlStatement, SqlTransaction } from './db-handle.js';
import { bindArguments, toPositional } from './sql-placeholders.js';
import type { PositionalSql } from './sql-placeholders.js';

type WorkerRequest = { link: number } & (
  | { kind: 'connect'; url: string }
  | { kind: 'query'; sql: string; params: unknown[]; name: string | null }
  | { kind: 'exec' | 'begin' | 'commit' | 'rollback'; sql: string }
  | { kind: 'close' }
);

type Request = WorkerRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'link'>
    : never
  : never;

/** Each PostgresDatabase of the process has its own connection in the shared worker. */
let lastLink = 0;

type WorkerAnswer =
  | { ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | { ok: false; message: string; code: string | null };

/** An error of PostgreSQL, with its SQLSTATE as `code` (23505: unique violation…). */
export class PostgresError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'PostgresError';
  }
}

/**
 * Whether an error says the database cannot be reached now (connection lost or refused, the
 * server shutting down): a request may be tried again in a moment (503), nothing is wrong
 * with it. SQLSTATE classes 08 (connection exception) and 57P (operator intervention).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof PostgresError) || error.code === null) return false;
  return error.code.startsWith('08') || error.code.startsWith('57P');
}

/**
 * The advisory lock every transaction takes at BEGIN ("write" in ASCII): on PostgreSQL as on
 * SQLite, one transaction writes at a time, whichever process runs it, so every
 * read-then-write of the repositories (and SQLite's `immediate` transactions) keeps the
 * meaning it has on one SQLite file. Single statements outside a transaction don't take it.
 */
const ONE_WRITER_LOCK = 0x7772697465;

/** How long the event loop waits for one statement before giving up. */
const STATEMENT_WAIT_MS = 60_000;

/** `postgres://user:secret@host/db` → `postgres://user@host/db`, for logs. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Buffers for bytea, as better-sqlite3 gives BLOBs (a worker's answer holds Uint8Arrays). */
function withBuffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value))
      row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
}

/**
 * PostgreSQL behind the synchronous API of db-handle.ts. A worker thread holds the
 * connection; each statement is sent to it and the event loop waits for the answer, so a
 * transaction runs to its end without another request's statement in the middle, exactly as
 * on SQLite. The cost is the round trip, during which this process serves nobody: measured
 * by `pnpm bench:sync --processes 2` and reported in the README.
 *
 * Statements are prepared once per connection (named after the SHA-1 of their text).
 */
export class PostgresDatabase implements Db {
  readonly name: string;
  readonly memory = false;
  private readonly call: (request: WorkerRequest) => WorkerAnswer;
  private readonly translated = new Map<string, PositionalSql & { statementName: string }>();
  private depth = 0;
  private closed = false;
  private readonly link = ++lastLink;

  constructor(url: string) {
    this.name = withoutPassword(url);
    this.call = createSyncFn<(request: WorkerRequest) => Promise<WorkerAnswer>>(
      new URL('./postgres-worker.mjs', import.meta.url),
      { timeout: STATEMENT_WAIT_MS },
    );
    this.send({ kind: 'connect', url });
    markEngine(this, 'postgres');
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  private send(request: Request): { rows: Record<string, unknown>[]; rowCount: number } {
    if (this.closed) throw new PostgresError('connexion à PostgreSQL fermée', '08003');
    const answer = this.call({ ...request, link: this.link } as WorkerRequest);
    if (!answer.ok) throw new PostgresError(answer.message, answer.code);
    return answer;
  }

  private positional(sql: string): PositionalSql & { statementName: string } {
    let found = this.translated.get(sql);
    if (!found) {
      const statementName = `d${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      found = { ...toPositional(sql), statementName };
      this.translated.set(sql, found);
    }
    return found;
  }

  query(
    sql: string,
    args: readonly unknown[],
  ): { rows: Record<string, unknown>[]; rowCount: number } {
    const { text, slots, statementName } = this.positional(sql);
    const answer = this.send({
      kind: 'query',
      sql: text,
      params: bindArguments(slots, args),
      name: statementName,
    });
    return { rows: answer.rows.map(withBuffers), rowCount: answer.rowCount };
  }

  prepare(sql: string): SqlStatement {
    return {
      run: (...args) => ({ changes: this.query(sql, args).rowCount }),
      get: (...args) => this.query(sql, args).rows[0],
      all: (...args) => this.query(sql, args).rows,
      iterate: (...args) => this.query(sql, args).rows[Symbol.iterator](),
    };
  }

  exec(sql: string): void {
    this.send({ kind: 'exec', sql });
  }

  /** SQLite's PRAGMAs mean nothing here: a caller reaching one is a bug. */
  pragma(source: string): never {
    throw new Error(`PRAGMA ${source} : réservé à SQLite`);
  }

  transaction<F extends (...args: never[]) => unknown>(fn: F): SqlTransaction<F> {
    const run = (...args: ArgumentsOf<F>): ReturnType<F> =>
      this.inOneTransaction(() => (fn as (...a: ArgumentsOf<F>) => ReturnType<F>)(...args));
    return Object.assign(run, { immediate: run, deferred: run });
  }

  /**
   * BEGIN (with the one-writer lock) … COMMIT, or a savepoint inside an open transaction (as
   * better-sqlite3 nests).
   */
  private inOneTransaction<T>(body: () => T): T {
    const savepoint = this.depth > 0 ? `s${this.depth}` : null;
    this.send(
      savepoint
        ? { kind: 'exec', sql: `SAVEPOINT ${savepoint}` }
        : { kind: 'begin', sql: `BEGIN; SELECT pg_advisory_xact_lock(${ONE_WRITER_LOCK})` },
    );
    this.depth += 1;
    let result: T;
    try {
      result = body();
      if (result instanceof Promise)
        throw new TypeError('Une transaction ne peut pas attendre : elle doit rester synchrone');
    } catch (error) {
      this.depth -= 1;
      try {
        this.send(
          savepoint
            ? { kind: 'exec', sql: `ROLLBACK TO SAVEPOINT ${savepoint}` }
            : { kind: 'rollback', sql: 'ROLLBACK' },
        );
      } catch {
        // The transaction is lost with its connection: PostgreSQL rolled it back already.
      }
      throw error;
    }
    this.depth -= 1;
    if (savepoint) this.send({ kind: 'exec', sql: `RELEASE SAVEPOINT ${savepoint}` });
    else {
      try {
        this.send({ kind: 'commit', sql: 'COMMIT' });
      } catch (error) {
        try {
          this.send({ kind: 'rollback', sql: 'ROLLBACK' });
        } catch {
          // Nothing more to undo.
        }
        throw error;
      }
    }
    return result;
  }

  close(): void {
    if (this.closed) return;
    try {
      this.send({ kind: 'close' });
    } finally {
      this.closed = true;
    }
  }
}
