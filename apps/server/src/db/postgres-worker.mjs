// @ts-check
/**
 * The worker thread behind postgres-database.ts: it owns one PostgreSQL connection and runs
 * the statements the main thread sends, while the main thread waits for each answer
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

/** @type {string | null} */
let url = null;
/** @type {pg.Client | null} */
let client = null;
/** Increases with each new connection. */
let generation = 0;
/** The connection generation the open transaction started on, or null outside one. */
/** @type {number | null} */
let transactionGeneration = null;

/** When connecting last failed: for a second after, statements fail at once. */
let failedAt = -Infinity;
const RETRY_AFTER_MS = 1_000;

async function connection() {
  if (client) return client;
  if (url === null) throw new Error('PostgreSQL : aucune adresse');
  // The event loop waits on every statement: while PostgreSQL is away, each one must fail
  // fast rather than wait for a connection attempt of its own.
  if (Date.now() - failedAt < RETRY_AFTER_MS)
    throw Object.assign(new Error('PostgreSQL indisponible'), { code: '08001' });
  const fresh = new pg.Client({
    connectionString: url,
    statement_timeout: 10_000,
    query_timeout: 12_000,
    connectionTimeoutMillis: 3_000,
    application_name: 'delib',
  });
  const forget = () => {
    if (client === fresh) client = null;
  };
  fresh.on('error', forget);
  fresh.on('end', forget);
  try {
    await fresh.connect();
  } catch (error) {
    failedAt = Date.now();
    throw error;
  }
  client = fresh;
  generation += 1;
  return fresh;
}

/**
 * The connection for a statement: inside a transaction, only the one it began on. Once that
 * one is lost, every statement fails until the ROLLBACK: none may run outside it.
 */
async function transactionConnection() {
  if (transactionGeneration !== null && (client === null || transactionGeneration !== generation))
    throw Object.assign(new Error('connexion à PostgreSQL perdue pendant la transaction'), {
      code: '08006',
    });
  return connection();
}

/**
 * @param {unknown} error
 * @returns {{ ok: false, message: string, code: string | null }}
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

/**
 * @param {{ kind: 'connect', url: string }
 *   | { kind: 'query', sql: string, params: unknown[], name: string | null }
 *   | { kind: 'exec', sql: string }
 *   | { kind: 'begin' | 'commit' | 'rollback', sql: string }
 *   | { kind: 'close' }} request
 */
async function handle(request) {
  try {
    switch (request.kind) {
      case 'connect':
        url = request.url;
        await connection();
        return { ok: true, rows: [], rowCount: 0 };
      case 'close':
        if (client) await client.end().catch(() => undefined);
        client = null;
        return { ok: true, rows: [], rowCount: 0 };
      case 'begin': {
        const db = await connection();
        await db.query(request.sql);
        transactionGeneration = generation;
        return { ok: true, rows: [], rowCount: 0 };
      }
      case 'rollback': {
        const lost = transactionGeneration !== null && transactionGeneration !== generation;
        transactionGeneration = null;
        if (lost || !client) return { ok: true, rows: [], rowCount: 0 };
        await client.query(request.sql);
        return { ok: true, rows: [], rowCount: 0 };
      }
      case 'commit': {
        await (await transactionConnection()).query(request.sql);
        transactionGeneration = null;
        return { ok: true, rows: [], rowCount: 0 };
      }
      case 'exec': {
        await (await transactionConnection()).query(request.sql);
        return { ok: true, rows: [], rowCount: 0 };
      }
      case 'query': {
        const params = request.params.map((value) =>
          value instanceof Uint8Array
            ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
            : value,
        );
        const result = await (
          await transactionConnection()
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
