import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditTrail } from '../audit/audit-trail.js';
import { createUser } from '../auth/users.js';
import { openDatabase } from '../db/open-database.js';
import { CANDIDATE_COLUMNS } from '../import/csv/candidate-format.js';
import { writeCsv } from '../import/csv/write-csv.js';
import { createExamSession, loadExamSession } from '../exam-sessions/exam-sessions.js';
import type { ExamSessionContext } from '../exam-sessions/exam-sessions.js';
import { importCandidates, previewCandidates } from '../import/import-candidates.js';
import { importWrittenMarks, previewWrittenMarks } from '../import/import-written-marks.js';

/**
 * Import benchmark (not a test): generates a centre of N candidates (2,000 by default, or
 * the first argument), then times, on a SQLite file with the production settings (WAL,
 * synchronous FULL): the candidate preview, the import, the same import again (nothing to
 * change), and the written-marks preview and import (5 units each, one audit row per mark).
 *
 *   node_modules/.bin/tsx apps/server/src/bench/import-bench.ts [N]
 */

const count = Number(process.argv[2] ?? 2000);
const LAST = [
  'MARTIN',
  'BERNARD',
  'DUBOIS',
  'THOMAS',
  'ROBERT',
  'PETIT',
  'DURAND',
  'LEROY',
  'MOREAU',
  'SIMON',
  'N’DIAYE',
  'LEFÈVRE',
];
const FIRST = ['Léa', 'Hugo', 'Chloé', 'Lucas', 'Inès', 'Nathan', 'Zoé', 'Théo', 'Aïssata', 'Jade'];
const STATUS = ['scolaire', 'apprenti', 'formation continue', 'individuel'];

function candidatesFile(n: number): Buffer {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const options = i % 7 === 0 ? 'UF1 UF3' : i % 5 === 0 ? 'UF2' : '';
    rows.push([
      `0279${String(i).padStart(5, '0')}`,
      LAST[i % LAST.length] as string,
      FIRST[i % FIRST.length] as string,
      `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${2004 + (i % 4)}`,
      STATUS[i % STATUS.length] as string,
      i % 9 === 0 ? 'espagnol' : 'anglais',
      options,
      options.includes('UF1') ? (i % 9 === 0 ? 'italien' : 'allemand') : '',
      i % 11 === 0 ? `U1=${10 + (i % 10)},5@${2023 + (i % 3)}` : '',
      i % 13 === 0 ? 'U3' : '',
    ]);
  }
  return writeCsv(CANDIDATE_COLUMNS, rows);
}

function marksFile(n: number): Buffer {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const mark = (unit: number) => {
      if ((i + unit) % 97 === 0) return 'ABS';
      return String(((i * 7 + unit * 13) % 41) / 2).replace('.', ',');
    };
    rows.push([
      `0279${String(i).padStart(5, '0')}`,
      i % 11 === 0 ? '' : mark(1),
      mark(2),
      i % 13 === 0 ? '' : mark(3),
      mark(4),
      mark(5),
    ]);
  }
  return writeCsv(['numéro', 'U1', 'U21', 'U3', 'U5', 'U6'], rows);
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-import-bench-'));
try {
  const db = openDatabase(path.join(directory, 'bench.sqlite'));
  const actorId = await createUser(db, {
    login: 'admin',
    name: 'Admin',
    role: 'admin',
    password: null,
  });
  const actor = { id: actorId, login: 'admin', name: 'Admin', role: 'admin' as const };
  const session = loadExamSession(
    db,
    createExamSession(db, {
      regulationId: 'bts-mco-2018',
      year: 2027,
      centre: 'Banc',
      academie: 'Banc',
      startsOn: null,
      endsOn: null,
    }),
  ) as ExamSessionContext;
  const audit = new AuditTrail(db);
  const candidates = candidatesFile(count);
  const marks = marksFile(count);
  const rate = (ms: number) => Math.round((count / ms) * 1000).toLocaleString('fr-FR');
  const line = (what: string, ms: number) =>
    console.log(
      `${what.padEnd(42)} ${ms.toFixed(0).padStart(6)} ms   ${rate(ms).padStart(9)} candidats/s`,
    );

  console.log(
    `Import de ${count} candidats (${(candidates.length / 1024).toFixed(0)} Kio), notes d’écrit (${(marks.length / 1024).toFixed(0)} Kio)`,
  );
  const [preview, previewMs] = time(() => previewCandidates(db, session, candidates));
  if (preview.problems.length > 0) throw new Error(JSON.stringify(preview.problems.slice(0, 3)));
  line('candidats : aperçu', previewMs);
  const [first, importMs] = time(() => importCandidates(db, audit, session, candidates, actor));
  if (!first.applied || first.changes.created.length !== count) throw new Error('import incomplet');
  line('candidats : import (création)', importMs);
  const [again, againMs] = time(() => importCandidates(db, audit, session, candidates, actor));
  if (again.changes.unchanged !== count) throw new Error('réimport non idempotent');
  line('candidats : même fichier réimporté (rien)', againMs);
  const [marksPreview, marksPreviewMs] = time(() => previewWrittenMarks(db, session, marks));
  if (marksPreview.problems.length > 0)
    throw new Error(JSON.stringify(marksPreview.problems.slice(0, 3)));
  line('notes d’écrit : aperçu', marksPreviewMs);
  const [marksImport, marksMs] = time(() =>
    importWrittenMarks(db, audit, session, marks, actor, null),
  );
  if (marksImport.outcome !== 'applied') throw new Error(marksImport.outcome);
  line(`notes d’écrit : import (${marksImport.changes.added} notes + audit)`, marksMs);
  db.close();
} finally {
  fs.rmSync(directory, { recursive: true, force: true });
}
