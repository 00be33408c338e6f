import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { ErrorCode, readJuryMap } from '@delib/protocol';
import type { FinalRecord, LockRefusalDetails, SessionUser, SignedRecord } from '@delib/protocol';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { ExamRepository } from '../db/exam-repository.js';
import { takeJuryRow } from '../db/locked-juries.js';
import type { Db } from '../db/open-database.js';
import { HttpError } from '../http/http-error.js';
import type { DocumentPolicy } from '../sync/document-policy.js';
import type { SyncEndpoint } from '../sync/sync-endpoint.js';
import { adjustmentAuthors } from './adjustment-authors.js';
import { buildFinalRecord } from './final-record.js';
import { finalRecordProblem } from './final-record-seal.js';
import type { FinalRecordRow } from './final-record-seal.js';
import { takeJurySnapshot } from './jury-snapshot.js';
import type { JurySnapshot } from './jury-snapshot.js';

/** A record as stored: of the current format, or of the former one when locked before. */
export interface StoredRecord<R extends SignedRecord = SignedRecord> {
  record: R;
  canonical: string;
  sha256: string;
}

export function canonicalRecord(record: SignedRecord): { canonical: string; sha256: string } {
  const canonical = canonicalize(record);
  if (canonical === undefined) throw new Error('procès-verbal non sérialisable');
  return { canonical, sha256: createHash('sha256').update(canonical, 'utf8').digest('hex') };
}

/**
 * The record stored at the lock, checked against its seals (`final-record-seal.ts`) every time
 * it is read: whatever serves, exports or signs it goes through here, so an altered record
 * is never handed out beside the SHA-256 of the one that was locked.
 */
export function readFinalRecord(db: Db, juryId: number): StoredRecord | null {
  const row = db
    .prepare('SELECT jury_id, record, sha256 FROM final_records WHERE jury_id = ?')
    .get(juryId) as FinalRecordRow | undefined;
  if (!row) return null;
  const problem = finalRecordProblem(db, row);
  if (problem !== null) {
    console.error(`[procès-verbal] jury ${juryId} : ${problem}. Rien n’est servi.`);
    throw new HttpError(
      500,
      'RECORD_ALTERED',
      'Le procès-verbal enregistré de ce jury a été modifié hors de Délib : il n’est plus servi. Prévenez le centre d’examen (commande delib audit:verify).',
    );
  }
  return {
    record: JSON.parse(row.record) as SignedRecord,
    canonical: row.record,
    sha256: row.sha256,
  };
}

export interface LockDependencies {
  db: Db;
  exams: ExamRepository;
  policy: DocumentPolicy;
  sync: SyncEndpoint;
  audit: AuditTrail;
  now?: () => Date;
}

/**
 * Locks a jury: builds the final record from the server's documents, stores it with its
 * SHA-256 and marks the jury locked. Refused while a candidate is incomplete unless the
 * president named that very candidate, who is then listed apart as not deliberated; refused
 * while a refusal stands without the livret scolaire.
 *
 * The sync endpoint accepts updates into a batch committed a few milliseconds later (group
 * commit). The lock first commits that batch, with its audit rows, so the record is built
 * from what is stored: no mark it holds can have its audit row after the lock's. Then one
 * transaction takes the jury's row (FOR UPDATE on PostgreSQL), checks the jury is still
 * unlocked, snapshots what is committed, builds, stores and sets the lock. Every commit of
 * the sync endpoint reads the jury's row inside its own transaction (locked-juries.ts), on
 * whatever process it runs: it waits for the lock and is refused, or the lock waits for it
 * and the record holds its update.
 */
export function lockJury(
  deps: LockDependencies,
  user: SessionUser,
  juryId: number,
  confirmedIncomplete: readonly number[],
  /** The émargement as the lock dialog showed it; the board's attendance when left out. */
  attendance?: readonly { userId: string; present: boolean }[],
): StoredRecord<FinalRecord> {
  const { db, exams, audit } = deps;
  const found = exams.jury(juryId);
  if (!found) throw new HttpError(404, ErrorCode.NOT_FOUND, 'Jury introuvable.');
  if (exams.juryRole(juryId, user.id) !== 'president') {
    throw new HttpError(
      403,
      ErrorCode.FORBIDDEN,
      'Seul·e le ou la président·e du jury peut verrouiller.',
    );
  }
  deps.sync.commitPending();
  return db.transaction((): StoredRecord<FinalRecord> => {
    takeJuryRow(db, juryId);
    const jury = exams.jury(juryId);
    if (!jury) throw new HttpError(404, ErrorCode.NOT_FOUND, 'Jury introuvable.');
    if (jury.lockedAt !== null) {
      throw new HttpError(409, ErrorCode.LOCKED, 'Ce jury est déjà verrouillé.');
    }
    const snapshot = takeJurySnapshot(exams, deps.policy, deps.sync, jury, 'stored');
    try {
      const attested = attendance ? checkedAttendance(snapshot, attendance) : undefined;
      const lockedAt = (deps.now?.() ?? new Date()).toISOString();
      const head = audit.head();
      const outcome = buildFinalRecord(snapshot, {
        appointmentRef: jury.appointmentRef,
        lockedAt,
        lockedBy: user.name,
        audit: head,
        birthDates: new Map(exams.candidatesOfJury(juryId).map((c) => [c.id, c.birthDate])),
        adjustmentAuthors: adjustmentAuthors(db, snapshot.board.juryDocument, snapshot.juryDoc),
        ...(attested ? { attendance: attested } : {}),
      });
      if (!outcome.ok) {
        throw new HttpError(
          422,
          'INVALID_RECORD',
          'Des saisies sont invalides : corrigez-les avant de verrouiller.',
          {
            candidates: outcome.invalid,
          } satisfies LockRefusalDetails,
        );
      }
      const unconfirmed = outcome.incomplete.filter(
        (c) => !confirmedIncomplete.includes(c.candidateId),
      );
      if (unconfirmed.length > 0) {
        throw new HttpError(
          409,
          'INCOMPLETE_CANDIDATES',
          `${unconfirmed.length} candidat(s) sans note complète : complétez leurs notes, ou confirmez chacun par son nom pour le porter « non délibéré » au procès-verbal.`,
          { candidates: unconfirmed } satisfies LockRefusalDetails,
        );
      }
      if (outcome.livretMissing.length > 0) {
        throw new HttpError(
          409,
          'LIVRET_REQUIRED',
          'Le livret scolaire doit être consulté avant de refuser un candidat.',
          { candidates: outcome.livretMissing } satisfies LockRefusalDetails,
        );
      }
      const { canonical, sha256 } = canonicalRecord(outcome.record);
      db.prepare(
        'INSERT INTO final_records (jury_id, locked_at, locked_by, record, sha256) VALUES (?, ?, ?, ?, ?)',
      ).run(juryId, lockedAt, user.id, canonical, sha256);
      db.prepare('UPDATE juries SET locked_at = ? WHERE id = ?').run(lockedAt, juryId);
      audit.append([
        {
          userId: user.id,
          role: 'president',
          document: null,
          candidateId: null,
          unit: null,
          action: 'verrouillage',
          before: null,
          after: {
            juryId,
            sha256,
            incompleteConfirmed: outcome.incomplete.map((c) => c.candidateId),
            // The émargement, as the record keeps it.
            attendance: outcome.record.members.map((m) => ({
              name: m.name,
              category: m.category,
              president: m.president,
              present: m.present,
            })),
          },
          reason: null,
        },
      ]);
      return { record: outcome.record, canonical, sha256 };
    } finally {
      snapshot.release();
    }
  })();
}

/**
 * The émargement the president confirmed, checked against the jury's: every member named
 * once, nobody else, and each one's presence as the board shows it now (another tab may have
 * changed it after the dialog opened). Refused otherwise, with nothing locked.
 */
function checkedAttendance(
  snapshot: JurySnapshot,
  attendance: readonly { userId: string; present: boolean }[],
): Map<string, boolean> {
  const recorded = readJuryMap(snapshot.juryDoc, 'attendance');
  const members = snapshot.board.members;
  const given = new Map(attendance.map((line) => [line.userId, line.present]));
  const sameMembers =
    given.size === attendance.length &&
    given.size === members.length &&
    members.every((m) => given.has(m.userId));
  const changed = members.some(
    (m) => (recorded.get(m.userId)?.present ?? true) !== given.get(m.userId),
  );
  if (!sameMembers || changed) {
    throw new HttpError(
      409,
      'ATTENDANCE_CHANGED',
      'La liste des membres présents a changé depuis l’ouverture du verrouillage : vérifiez l’émargement et verrouillez à nouveau.',
    );
  }
  return given;
}
