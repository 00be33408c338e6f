import { createHash } from 'node:crypto';
import {
  REGULATIONS,
  getRegulation,
  isRulesError,
  loadRegulation,
  type Regulation,
} from '@delib/rules';
import type { Db } from '../db/db-handle.js';

/**
 * Every regulation a session may follow: the ones shipped in `@delib/rules` and the ones an
 * admin uploaded (table `uploaded_regulations`, written once). Every server module that looks
 * a regulation up by id goes through `regulationById`, so an uploaded specialty is computed,
 * validated and printed like a shipped one.
 */

export interface UploadedRegulationRow {
  id: string;
  sha256: string;
  json: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** Loaded uploads, per database: rows never change, so a loaded regulation stays true. */
const loaded = new WeakMap<Db, Map<string, Regulation>>();

function cacheOf(db: Db): Map<string, Regulation> {
  let cache = loaded.get(db);
  if (!cache) {
    cache = new Map();
    loaded.set(db, cache);
  }
  return cache;
}

export function isShippedRegulation(id: string): boolean {
  return Object.hasOwn(REGULATIONS, id);
}

function uploadedRow(db: Db, id: string): UploadedRegulationRow | undefined {
  return db
    .prepare(
      `SELECT id, sha256, json, uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"
       FROM uploaded_regulations WHERE id = ?`,
    )
    .get(id) as UploadedRegulationRow | undefined;
}

/** The regulation `id`, shipped or uploaded, or null. */
export function findRegulation(db: Db, id: string): Regulation | null {
  if (isShippedRegulation(id)) return getRegulation(id);
  const cache = cacheOf(db);
  const cached = cache.get(id);
  if (cached) return cached;
  const row = uploadedRow(db, id);
  if (!row) return null;
  const regulation = loadRegulation(row.json);
  cache.set(id, regulation);
  return regulation;
}

/** The regulation `id`; throws `@delib/rules`' `UNKNOWN_REGULATION` (as `getRegulation`). */
export function regulationById(db: Db, id: string): Regulation {
  return findRegulation(db, id) ?? getRegulation(id);
}

export interface CatalogEntry {
  regulation: Regulation;
  /** Null for a regulation shipped with Délib. */
  uploaded: Omit<UploadedRegulationRow, 'json'> | null;
  /** Sessions that follow it. */
  sessions: number;
}

/** Shipped regulations first, then uploads by date. */
export function listRegulations(db: Db): CatalogEntry[] {
  const sessions = new Map(
    (
      db
        .prepare(
          'SELECT regulation_id AS id, COUNT(*) AS count FROM exam_sessions GROUP BY regulation_id',
        )
        .all() as { id: string; count: number }[]
    ).map((row) => [row.id, row.count]),
  );
  const shipped = Object.values(REGULATIONS).map((regulation): CatalogEntry => ({
    regulation,
    uploaded: null,
    sessions: sessions.get(regulation.id) ?? 0,
  }));
  const rows = db
    .prepare(
      `SELECT id, sha256, uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"
       FROM uploaded_regulations ORDER BY uploaded_at, id`,
    )
    .all() as Omit<UploadedRegulationRow, 'json'>[];
  const uploaded = rows.flatMap((row): CatalogEntry[] => {
    const regulation = findRegulation(db, row.id);
    return regulation ? [{ regulation, uploaded: row, sessions: sessions.get(row.id) ?? 0 }] : [];
  });
  return [...shipped, ...uploaded];
}

export type StoreOutcome =
  | { stored: true; regulation: Regulation; sha256: string }
  | { stored: false; reason: 'invalid'; issues: { path: string; message: string }[] }
  | { stored: false; reason: 'exists'; regulation: Regulation };

/**
 * Checks `text` with `loadRegulation` and stores it under its own id. An id already taken
 * (shipped or uploaded) is refused, never replaced: sessions may follow it.
 */
export function storeUploadedRegulation(db: Db, text: string, userId: string): StoreOutcome {
  let regulation: Regulation;
  try {
    regulation = loadRegulation(text);
  } catch (error) {
    if (isRulesError(error) && error.code === 'INVALID_REGULATION') {
      return { stored: false, reason: 'invalid', issues: [...(error.details.issues ?? [])] };
    }
    throw error;
  }
  const existing = findRegulation(db, regulation.id);
  if (existing) return { stored: false, reason: 'exists', regulation: existing };
  // The canonical text of what was checked: JSON.stringify of the loaded copy.
  const json = JSON.stringify(regulation);
  const sha256 = createHash('sha256').update(json).digest('hex');
  db.prepare(
    `INSERT INTO uploaded_regulations (id, sha256, json, uploaded_by, uploaded_at)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(regulation.id, sha256, json, userId, new Date().toISOString());
  cacheOf(db).set(regulation.id, regulation);
  return { stored: true, regulation, sha256 };
}
