// @ts-check
/**
 * The worker thread behind postgres-database.ts: it holds one PostgreSQL connection per
 * PostgresDatabase of the process (synckit starts one worker per file, shared by them all)
 * and runs the statements the main thread sends, while the main thread waits for each answer
 * (synckit: Atomics.wait + receiveMessageOnPort). Plain JavaScript so that the same file runs
 * from src/ (vitest) and from dist/ (copied by tsc with allowJs).
 *
 * Errors are returned as data, never thrown: their PostgreSQL code must reach the caller.
 * A connection lost inside a transaction poisons that transaction: every statement until its
 * ROLLBACK fails, so nothing after the loss runs outside the transaction it belonged to.
 */
import pg from 'pg';
import { runAsWorker } from 'synckit';

// int8 (COUNT, BIGINT ids, millisecond timestamps) as JS numbers, like SQLite's integers.
pg.types.setTypeParser(20, (value) => {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new Error(`entier hors de portée : ${value}`);
  return number;
});
// numeric (SUM, AVG of integers) as JS numbers: the code computes marks in integer hundredths.
pg.types.setTypeParser(1700, (value) => Number(value));

/** After a failed attempt to connect, statements fail at once for this long. */
const RETRY_AFTER_MS = 1_000;

/** @param {string} message @param {string} code */
function sqlError(message, code) {
  return Object.assign(new Error(message), { code });
}

/** One PostgresDatabase's connection, opened again when lost (outside a transaction). */
class Link {
  /** @param {string} url */
  constructor(url) {
    this.url = url;
    /** @type {pg.Client | null} */
    this.client = null;
    /** Increases with each new connection. */
    this.generation = 0;
    /** The connection generation the open transaction began on, or null outside one. */
    /** @type {number | null} */
    this.transactionGeneration = null;
    this.failedAt = -Infinity;
  }

  async connection() {
    if (this.client) return this.client;
    // The event loop waits on every statement: while PostgreSQL is away, each one must fail
    // fast rather than wait for a connection attempt of its own.
    if (Date.now() - this.failedAt < RETRY_AFTER_MS)
      throw sqlError('PostgreSQL indisponible', '08001');
    const fresh = new pg.Client({
      connectionString: this.url,
      statement_timeout: 10_000,
      query_timeout: 12_000,
      connectionTimeoutMillis: 3_000,
      application_name: 'delib',
    });
    const forget = () => {
      if (this.client === fresh) this.client = null;
    };
    fresh.on('error', forget);
    fresh.on('end', forget);
    try {
      await fresh.connect();
    } catch (error) {
      this.failedAt = Date.now();
      throw error;
    }
    this.client = fresh;
    this.generation += 1;
    return fresh;
  }

  /**
   * The connection for a statement: inside a transaction, only the one it began on. Once
   * that one is lost, every statement fails until the ROLLBACK: none may run outside it.
   */
  async transactionConnection() {
    const lost =
      this.transactionGeneration !== null &&
      (this.client === null || this.transactionGeneration !== this.generation);
    if (lost) throw sqlError('connexion à PostgreSQL perdue pendant la transaction', '08006');
    return this.connection();
  }

  async close() {
    const { client } = this;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}

/** @type {Map<number, Link>} */
const links = new Map();

/**
 * @param {unknown} error
 * @returns {{ ok: false, message: string, code: string }}
 */
function failure(error) {
  const { message, code } = /** @type {{ message?: unknown, code?: unknown }} */ (error ?? {});
  // PostgreSQL's errors carry a SQLSTATE; the others come from the link to it (refused,
  // reset, timed out, terminated): reported as SQLSTATE 08006, a lost connection.
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : '08006';
  return {
    ok: false,
    message: typeof message === 'string' ? message : String(error),
    code: sqlState,
  };
}

const done = { ok: true, rows: [], rowCount: 0 };

/**
 * @param {{ link: number } & ({ kind: 'connect', url: string }
 *   | { kind: 'query', sql: string, params: unknown[], name: string | null }
 *   | { kind: 'exec' | 'begin' | 'commit' | 'rollback', sql: string }
 *   | { kind: 'close' })} request
 */
async function handle(request) {
  try {
    if (request.kind === 'connect') {
      const link = new Link(request.url);
      links.set(request.link, link);
      await link.connection();
      return done;
    }
    const link = links.get(request.link);
    if (!link) throw sqlError('connexion à PostgreSQL fermée', '08003');
    switch (request.kind) {
      case 'close':
        links.delete(request.link);
        await link.close();
        return done;
      case 'begin': {
        const client = await link.connection();
        try {
          await client.query(request.sql);
        } catch (error) {
          // BEGIN went through and what follows it failed (the one-writer lock timed out):
          // the transaction is ended here, the caller never had it.
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        link.transactionGeneration = link.generation;
        return done;
      }
      case 'rollback': {
        const lost = link.transactionGeneration !== link.generation;
        link.transactionGeneration = null;
        if (!lost && link.client) await link.client.query(request.sql);
        return done;
      }
      case 'commit':
        await (await link.transactionConnection()).query(request.sql);
        link.transactionGeneration = null;
        return done;
      case 'exec':
        await (await link.transactionConnection()).query(request.sql);
        return done;
      case 'query': {
        const params = request.params.map((value) =>
          value instanceof Uint8Array
            ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
            : value,
        );
        const result = await (
          await link.transactionConnection()
        ).query(
          request.name === null
            ? { text: request.sql, values: params }
            : { name: request.name, text: request.sql, values: params },
        );
        return { ok: true, rows: result.rows ?? [], rowCount: result.rowCount ?? 0 };
      }
    }
  } catch (error) {
    return failure(error);
  }
}

runAsWorker(handle);
