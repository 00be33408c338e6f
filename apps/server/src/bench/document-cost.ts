/**
 * `pnpm bench:doc-cost`: what one large document costs the server, through its own code
 * (openDatabase, DocumentStore, DocumentPolicy, a real server process) on a temporary SQLite.
 *
 * (a) opening a commission document that holds 100,000 stored updates (real writeOralEntry
 *     updates of two examiners): cold load without compaction, load that compacts, load of
 *     the compacted document;
 * (b) validating one new mark with the server's policy path, DocumentPolicy.validate, on
 *     that document and on a fresh one;
 * (c) 60 clients (y-websocket, in this process) joining a ~1 MB jury document through a
 *     server process: time until all are synced, document not yet loaded, then loaded.
 *
 * Options: --updates N (100000) --validations N (2000) --clients N (60) --jury-kb N (1024)
 * --budget-s S (60: time allowed to each series of loads).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { noteKey, writeJuryValue, writeOralEntry } from '@delib/protocol';
import type { SessionUser } from '@delib/protocol';
import { loadConfig } from '../config.js';
import { ExamRepository } from '../db/exam-repository.js';
import { openDatabase } from '../db/open-database.js';
import type { Db } from '../db/open-database.js';
import { DocumentPolicy } from '../sync/document-policy.js';
import { DocumentStore } from '../sync/document-store.js';
import { connectDocument } from '../test-support/sync-client.js';
import type { SyncClient } from '../test-support/sync-client.js';
import {
  loadAverage,
  option,
  processStats,
  serverScript,
  signInBench,
  startServerProcess,
} from './bench-processes.js';
import { percentile } from './percentile.js';
import { seedBench } from './seed-bench.js';

// y-websocket adds a process exit listener per provider.
process.setMaxListeners(0);

const storedUpdates = option('updates', 100_000);
const validations = option('validations', 2000);
const joiningClients = option('clients', 60);
const juryKb = option('jury-kb', 1024);
/** Time allowed to each series of document loads. */
const budgetMs = option('budget-s', 60) * 1000;
/** The server's own threshold (DELIB_COMPACT_AFTER, 500 by default). */
const compactAfter = loadConfig().compactAfterUpdates;
const UNITS = ['U41', 'U42'];

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} Ko`;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

function sortedTimes(times: number[]): number[] {
  return [...times].sort((a, b) => a - b);
}

/** The one update an edit of `doc` produces (one transaction). */
function change(doc: Y.Doc, edit: () => void): Uint8Array {
  let update: Uint8Array = new Uint8Array(0);
  const listener = (produced: Uint8Array): void => {
    update = produced;
  };
  doc.on('update', listener);
  doc.transact(edit);
  doc.off('update', listener);
  return update;
}

function randomMark(doc: Y.Doc, candidates: number[]): () => void {
  return () => {
    const candidate = candidates[Math.floor(Math.random() * candidates.length)] as number;
    const unit = UNITS[Math.floor(Math.random() * UNITS.length)] as string;
    writeOralEntry(doc, candidate, unit, { mark: Math.floor(Math.random() * 41) / 2 });
  };
}

function sessionUser(db: Db, login: string): SessionUser {
  return db
    .prepare('SELECT id, login, display_name AS name, role FROM users WHERE login = ?')
    .get(login) as SessionUser;
}

/** Runs `run` up to 5 times, stopping earlier once the runs have taken `budgetMs`. */
function repeated(run: () => number): number[] {
  const times: number[] = [];
  while (times.length < 5 && times.reduce((sum, t) => sum + t, 0) < budgetMs) times.push(run());
  return sortedTimes(times);
}

/** Every stored row of a document applied one by one in one transaction (not the server's load). */
function applyRows(db: Db, name: string): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  const rows = db
    .prepare('SELECT data FROM document_updates WHERE document = ? ORDER BY id')
    .all(name) as { data: Buffer }[];
  doc.transact(() => {
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
  });
  return doc;
}

/**
 * (a) A commission document of `storedUpdates` rows. DocumentStore.load merges every row
 * with Y.mergeUpdates, whose time grows much faster than the number of rows (yjs/yjs#710):
 * it is measured on the first 1,000, 5,000, … rows, up to the whole document, and a size
 * whose extrapolated load exceeds the budget is not attempted. Returns the server's copy of
 * the whole document (its rows applied one by one).
 */
function openingCost(db: Db, name: string, candidates: number[]): Y.Doc {
  const keeping = new DocumentStore(db, Number.MAX_SAFE_INTEGER);
  // Two examiners of the room, each applying the other's updates, as through the server.
  const examiners = [new Y.Doc(), new Y.Doc()] as const;
  const built = timed(() => {
    db.transaction(() => {
      for (let i = 0; i < storedUpdates; i++) {
        const writer = examiners[i % 2] as Y.Doc;
        const update = change(writer, randomMark(writer, candidates));
        Y.applyUpdate(examiners[(i + 1) % 2] as Y.Doc, update);
        keeping.append(name, update);
      }
    })();
  });
  for (const doc of examiners) doc.destroy();
  const { rows, bytes } = db
    .prepare(
      'SELECT COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes FROM document_updates WHERE document = ?',
    )
    .get(name) as { rows: number; bytes: number };
  console.log(
    `(a) Document ${name} : ${rows} mises à jour stockées (${kb(bytes)}, notes de 2 examinateurs sur ${candidates.length * UNITS.length} cases), écrites en ${(built.ms / 1000).toFixed(1)} s`,
  );
  console.log(
    `    DocumentStore.load, à froid (hors mémoire du serveur, fichier SQLite en cache), p50 sur 5 ou moins si ${budgetMs / 1000} s sont dépassées :`,
  );

  const compacting = new DocumentStore(db, compactAfter);
  const copy = db.prepare(
    'INSERT INTO document_updates (document, data, created_at) SELECT ?, data, created_at FROM document_updates WHERE document = ? ORDER BY id LIMIT ?',
  );
  const sizes = [1000, 5000, 10_000, 20_000, 50_000].filter((n) => n < rows).concat(rows);
  const measured: { n: number; ms: number }[] = [];
  for (const n of sizes) {
    const [before, last] = measured.slice(-2);
    if (last) {
      // At least quadratic, or as steep as the last two sizes were.
      const exponent = before
        ? Math.max(2, Math.log(last.ms / before.ms) / Math.log(last.n / before.n))
        : 2;
      const estimate = last.ms * (n / last.n) ** exponent;
      if (estimate > budgetMs) {
        console.log(
          `      ${String(n).padStart(6)} lignes : non mesuré, ~${(estimate / 1000).toFixed(0)} s attendues par ouverture (croissance en n^${exponent.toFixed(1)} entre ${before?.n ?? 0} et ${last.n} lignes)`,
        );
        continue;
      }
    }
    const prefix = n === rows ? name : `${name}/premieres-${n}`;
    if (n !== rows) copy.run(prefix, name, n);
    let state = 0;
    const keep = repeated(() => {
      const { value, ms: took } = timed(() => keeping.load(prefix));
      state = Y.encodeStateAsUpdate(value.doc).byteLength;
      value.doc.destroy();
      return took;
    });
    let run = 0;
    const compact = repeated(() => {
      const copyName = `${prefix}/copie-${run++}`;
      copy.run(copyName, prefix, n);
      const { value, ms: took } = timed(() => compacting.load(copyName));
      value.doc.destroy();
      return took;
    });
    measured.push({ n, ms: percentile(keep, 50) });
    console.log(
      `      ${String(n).padStart(6)} lignes : sans compaction p50 ${ms(percentile(keep, 50))} (${keep.length}×, max ${ms(keep.at(-1) as number)}) ; qui compacte (compactAfter ${compactAfter}, comme le serveur) p50 ${ms(percentile(compact, 50))} (${compact.length}×) ; état ${kb(state)}`,
    );
  }

  // The same document once compacted: one row holding its state.
  const serverCopy = applyRows(db, name);
  const byRows = repeated(() => {
    const { value, ms: took } = timed(() => applyRows(db, name));
    value.destroy();
    return took;
  });
  // DocumentStore.compact replaces a document's rows by its state: run on a copy of the rows.
  const compactName = `${name}/compacte`;
  copy.run(compactName, name, rows);
  const compactTime = timed(() =>
    keeping.compact(compactName, Y.encodeStateAsUpdate(serverCopy)),
  ).ms;
  const compactRows = keeping.count(compactName);
  const reopen = repeated(() => {
    const { value, ms: took } = timed(() => keeping.load(compactName));
    value.doc.destroy();
    return took;
  });
  console.log(
    `    ${rows} lignes appliquées une à une dans une transaction (référence, pas le chargement du serveur) : p50 ${ms(percentile(byRows, 50))} (${byRows.length}×)`,
  );
  console.log(
    `    compacté (DocumentStore.compact des ${rows} lignes : ${ms(compactTime)}, reste ${compactRows} ligne de ${kb(Y.encodeStateAsUpdate(serverCopy).byteLength)}) : ouverture p50 ${ms(percentile(reopen, 50))} (${reopen.length}×)`,
  );
  return serverCopy;
}

/** (b) DocumentPolicy.validate on the server's copy, as the sync endpoint calls it. */
function validationCost(
  db: Db,
  name: string,
  history: Y.Doc,
  login: string,
  candidates: number[],
): void {
  const exams = new ExamRepository(db);
  const store = new DocumentStore(db, Number.MAX_SAFE_INTEGER);
  const policy = new DocumentPolicy(exams, (target) => {
    const { doc } = store.load(target.name);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  });
  const user = sessionUser(db, login);
  const target = policy.resolve(name);
  if (!target) throw new Error(`document inconnu : ${name}`);

  const fresh = new Y.Doc();
  for (const candidate of candidates)
    for (const unit of UNITS) writeOralEntry(fresh, candidate, unit, { mark: 10 });
  const documents: [string, Y.Doc][] = [
    [`document de ${storedUpdates} mises à jour`, history],
    [`document neuf (${candidates.length * UNITS.length} cases notées une fois)`, fresh],
  ];
  console.log(
    `(b) DocumentPolicy.validate d’une note (writeOralEntry) par ${login}, ${validations} validations après 100 d’échauffement :`,
  );
  for (const [label, serverCopy] of documents) {
    const stateBefore = Y.encodeStateAsUpdate(serverCopy).byteLength;
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(serverCopy));
    const times: number[] = [];
    for (let i = 0; i < validations + 100; i++) {
      const update = change(client, randomMark(client, candidates));
      const { value: verdict, ms: took } = timed(() =>
        policy.validate(user, target, serverCopy, Y.decodeUpdate(update), update),
      );
      if (!verdict.ok) throw new Error(`note refusée : ${verdict.message}`);
      if (i >= 100) times.push(took);
      // Accepted: the server applies it to its copy before the next one.
      Y.applyUpdate(serverCopy, update);
    }
    const sorted = sortedTimes(times);
    console.log(
      `    ${label} (état ${kb(stateBefore)} au départ) : p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) as number)}`,
    );
    client.destroy();
    serverCopy.destroy();
  }
}

/** Writes a jury document of about `juryKb` KiB of members' notes; returns its size. */
function buildJuryDocument(db: Db, name: string, users: string[], candidates: number[]): number {
  const store = new DocumentStore(db, Number.MAX_SAFE_INTEGER);
  const noteLength = Math.ceil((juryKb * 1024) / (users.length * candidates.length));
  const sentence =
    'Candidat à l’aise à l’oral, argumentation structurée, bonne connaissance de l’unité commerciale ; ';
  const whole = new Y.Doc();
  db.transaction(() => {
    for (const login of users) {
      // Each member writes their own notes from their own client.
      const member = new Y.Doc();
      const userId = sessionUser(db, login).id;
      const update = change(member, () => {
        candidates.forEach((candidate, index) => {
          const text = `${index} ${sentence.repeat(Math.ceil(noteLength / sentence.length))}`;
          writeJuryValue(member, 'notes', noteKey(candidate, userId), {
            text: text.slice(0, Math.min(noteLength, 2000)),
          });
        });
      });
      store.append(name, update);
      Y.applyUpdate(whole, update);
      member.destroy();
    }
  })();
  const bytes = Y.encodeStateAsUpdate(whole).byteLength;
  whole.destroy();
  return bytes;
}

/** (c) `joiningClients` clients joining the jury document through a real server process. */
async function joiningCost(
  databasePath: string,
  name: string,
  logins: string[],
  bytes: number,
): Promise<void> {
  const server = await startServerProcess(serverScript('main'), {
    DELIB_DB: databasePath,
    DELIB_WEB_BUILD: '',
  });
  const clients: SyncClient[] = [];
  try {
    const cookies: string[] = [];
    for (const login of logins) cookies.push(await signInBench(server.url, login));
    console.log(
      `(c) ${logins.length} clients y-websocket (ce processus) rejoignent ${name} (${kb(bytes)}, ${logins.length} lignes) par un serveur Délib (processus fils) :`,
    );
    for (const wave of ['document pas encore chargé par le serveur', 'document déjà ouvert']) {
      const before = processStats(server.pid);
      const clientCpu = process.cpuUsage();
      const started = performance.now();
      const synced: number[] = [];
      const joining = cookies.map((cookie) => connectDocument(server.url, name, cookie));
      clients.push(...joining);
      await Promise.all(
        joining.map((client) => client.synced.then(() => synced.push(performance.now() - started))),
      );
      const all = performance.now() - started;
      const after = processStats(server.pid);
      const cpu = process.cpuUsage(clientCpu);
      const received = Y.encodeStateAsUpdate((joining[0] as SyncClient).doc).byteLength;
      const sorted = sortedTimes(synced);
      console.log(
        `    ${wave} : tous synchronisés en ${ms(all)} (premier ${ms(sorted[0] as number)}, p50 ${ms(percentile(sorted, 50))}) ; CPU serveur ${((after.cpuS - before.cpuS) * 1000).toFixed(0)} ms, clients ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms ; RSS serveur ${before.rssMb.toFixed(0)} → ${after.rssMb.toFixed(0)} Mo ; reçu par client ${kb(received)}`,
      );
    }
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log(`Charge (loadavg 1/5/15 min) au départ : ${loadAverage()}`);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'delib-doc-cost-'));
  try {
    const databasePath = path.join(directory, 'doc-cost.sqlite');
    const db = openDatabase(databasePath);
    const layout = await seedBench(db, 1, 2, { members: joiningClients - 1 });
    const jury = layout.juries[0];
    const room = jury?.commissions[0];
    if (!jury || !room) throw new Error('centre de banc vide');
    const commissionName = `commission/${room.id}/g1`;

    const history = openingCost(db, commissionName, room.candidates);
    validationCost(db, commissionName, history, room.examiners[0] as string, room.candidates);

    const juryName = `jury/${jury.id}/g1`;
    const logins = [jury.president, ...jury.members];
    const bytes = buildJuryDocument(db, juryName, logins, room.candidates);
    db.close();
    await joiningCost(databasePath, juryName, logins, bytes);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
  console.log(`Charge (loadavg 1/5/15 min) à la fin : ${loadAverage()}`);
}

await main();
