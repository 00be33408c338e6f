import { readOralEntry } from '@delib/protocol';
import type {
  HarmonisationCommission,
  JuryHarmonisationContext,
  MarkWriter,
  SessionHarmonisation,
} from '@delib/protocol';
import { HARMONISATION_MINIMUM_MARKS, harmonise, oralUnits } from '@delib/rules';
import type { HarmonisationMark, Regulation } from '@delib/rules';
import type { ExamRepository, JuryRow } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { takeJurySnapshot } from '../deliberation/jury-snapshot.js';
import type { JurySnapshot } from '../deliberation/jury-snapshot.js';
import type { DocumentPolicy } from '../sync/document-policy.js';
import type { SyncEndpoint } from '../sync/sync-endpoint.js';
import { alertGapOf } from './harmonisation-settings.js';
import { markWriters, peopleNamed } from './mark-writers.js';

export interface HarmonisationSources {
  db: Db;
  exams: ExamRepository;
  policy: DocumentPolicy;
  sync: SyncEndpoint;
}

/** The writer of each mark in force of each room of a jury, from its snapshot (mark-writers.ts). */
function commissionWriters(db: Db, snapshot: JurySnapshot): Map<number, Map<string, string>> {
  return new Map(
    snapshot.board.commissions.map((c) => {
      const doc = snapshot.commissionDocs.get(c.id);
      return [c.id, doc ? markWriters(db, c.document, doc) : new Map<string, string>()];
    }),
  );
}

/**
 * The examiners' marks of one jury as the board shows them, from the server's copies of its
 * commission documents: for each candidate and each oral unit, the entry of the room that
 * hears it. Absences are not marks and are left out; so are entries of passages removed (the
 * documents keep them, the board does not show them). Each mark carries its last writer.
 */
function juryMarks(
  sources: HarmonisationSources,
  jury: JuryRow,
): { marks: HarmonisationMark[]; commissions: HarmonisationCommission[] } {
  const { db, exams, policy, sync } = sources;
  const snapshot = takeJurySnapshot(exams, policy, sync, jury);
  try {
    const writersByCommission = commissionWriters(db, snapshot);
    const marks: HarmonisationMark[] = [];
    for (const candidate of snapshot.board.candidates) {
      for (const [unit, commissionId] of Object.entries(candidate.commissionByUnit)) {
        const doc = snapshot.commissionDocs.get(commissionId);
        const entry = doc ? readOralEntry(doc, candidate.id, unit) : null;
        if (!entry || !('mark' in entry)) continue;
        marks.push({
          unit,
          commissionId,
          writerId: writersByCommission.get(commissionId)?.get(`${candidate.id}:${unit}`) ?? null,
          hundredths: Math.round(entry.mark * 100),
        });
      }
    }
    const commissions = snapshot.board.commissions.map((commission): HarmonisationCommission => ({
      id: commission.id,
      name: commission.name,
      room: commission.room,
      juryId: jury.id,
      juryName: jury.name,
      examiners: peopleNamed(db, examinerIds(db, commission.id)),
    }));
    return { marks, commissions };
  } finally {
    snapshot.release();
  }
}

function examinerIds(db: Db, commissionId: number): string[] {
  return (
    db
      .prepare('SELECT user_id AS "userId" FROM commission_examiners WHERE commission_id = ?')
      .all(commissionId) as { userId: string }[]
  ).map((row) => row.userId);
}

/** The statistics of every jury of a session, from the server's own documents. */
export function sessionHarmonisation(
  sources: HarmonisationSources,
  session: { id: number; regulation: Regulation },
): SessionHarmonisation {
  const juries = sources.exams.juries().filter((jury) => jury.examSessionId === session.id);
  const marks: HarmonisationMark[] = [];
  const commissions: HarmonisationCommission[] = [];
  for (const jury of juries) {
    const ofJury = juryMarks(sources, jury);
    marks.push(...ofJury.marks);
    commissions.push(...ofJury.commissions);
  }
  const alertGapHundredths = alertGapOf(sources.db, session.id);
  const writers = marks.flatMap((mark) => (mark.writerId === null ? [] : [mark.writerId]));
  return {
    sessionId: session.id,
    alertGapHundredths,
    minimumMarks: HARMONISATION_MINIMUM_MARKS,
    commissions,
    examiners: peopleNamed(sources.db, writers),
    units: harmonise(marks, {
      alertGapHundredths,
      unitOrder: oralUnits(session.regulation).map((unit) => unit.code),
    }),
  };
}

/**
 * What a jury's board needs besides its live documents: the gap and each mark's writer (the
 * writer of the value the server's copy holds now).
 */
export function juryHarmonisationContext(
  sources: HarmonisationSources,
  jury: JuryRow,
): JuryHarmonisationContext {
  const writers: MarkWriter[] = [];
  const snapshot = takeJurySnapshot(sources.exams, sources.policy, sources.sync, jury);
  try {
    for (const [commissionId, ofCommission] of commissionWriters(sources.db, snapshot)) {
      for (const [key, userId] of ofCommission) {
        const [candidateId, unit] = key.split(':');
        writers.push({
          commissionId,
          candidateId: Number(candidateId),
          unit: unit as string,
          userId,
        });
      }
    }
  } finally {
    snapshot.release();
  }
  return {
    alertGapHundredths: alertGapOf(sources.db, jury.examSessionId),
    minimumMarks: HARMONISATION_MINIMUM_MARKS,
    examiners: peopleNamed(
      sources.db,
      writers.map((writer) => writer.userId),
    ),
    writers,
  };
}
