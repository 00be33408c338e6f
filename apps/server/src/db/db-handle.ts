/**
 * The database as every repository and migration takes it: better-sqlite3's synchronous API,
 * the part of it Délib uses. Embedded SQLite (open-database.ts) is better-sqlite3 itself;
 * PostgreSQL (postgres-database.ts) gives the same API over a connection held by a worker
 * thread. Repositories are written once, in SQL valid in both engines.
 *
 * Synchronous on purpose: a transaction is a plain function that runs to its end without
 * yielding, so no other request's statement can slip into it, in either engine.
 */
export interface SqlStatement {
  /** A new row's id: `INSERT … RETURNING id` with `get`, in both engines. */
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

type Body = (...args: never[]) => unknown;
/** A function's parameters, written as better-sqlite3 writes them so that its type fits. */
export type ArgumentsOf<F> = F extends (...args: infer A) => unknown ? A : never;

/** A function run as one transaction; `immediate` takes SQLite's write lock at BEGIN. */
export interface SqlTransaction<F extends Body> {
  (...args: ArgumentsOf<F>): ReturnType<F>;
  immediate(...args: ArgumentsOf<F>): ReturnType<F>;
  deferred(...args: ArgumentsOf<F>): ReturnType<F>;
}

export interface Db {
  prepare(sql: string): SqlStatement;
  transaction<F extends Body>(fn: F): SqlTransaction<F>;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): unknown;
  /** SQLite: the file's path. PostgreSQL: the address without its password. */
  readonly name: string;
  readonly memory: boolean;
  readonly inTransaction: boolean;
}

export type DatabaseEngine = 'sqlite' | 'postgres';

const engines = new WeakMap<object, DatabaseEngine>();

/** Marks a connection with its engine (done once, where it is opened). */
export function markEngine<T extends object>(db: T, engine: DatabaseEngine): T {
  engines.set(db, engine);
  return db;
}

/** The engine behind a connection: SQLite unless opened as PostgreSQL. */
export function engineOf(db: Db): DatabaseEngine {
  return engines.get(db) ?? 'sqlite';
}

/** Whether an error is a broken UNIQUE constraint, in either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}
