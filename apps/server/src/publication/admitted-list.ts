import type { AdmittedList, PublicationJury, PublishedCandidate } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import type { JuryRow } from '../db/exam-repository.js';
import { readFinalRecord } from '../deliberation/lock-jury.js';
import type { ExamSessionContext } from '../exam-sessions/exam-sessions.js';

/**
 * The list of admitted candidates, read from the locked records only (through
 * `readFinalRecord`, which checks their seals): a jury not locked publishes nothing, whatever
 * its live marks say. A candidate is admitted when the decision in force is `admis`: the
 * record's, or the one the rules gave for the last correction after the lock (rectificatif).
 * The name comes from the record, and only for a candidate who consented to its publication;
 * the others are listed by number.
 */
const byNumber = new Intl.Collator('fr', { numeric: true });

/** The decision the last amendment of each candidate gave, by candidate id. */
function amendedDecisions(db: Db, juryId: number): Map<number, string> {
  const rows = db
    .prepare(
      `SELECT candidate_id AS "candidateId", decision_after AS decision FROM amendments
       WHERE jury_id = ? AND decision_after IS NOT NULL ORDER BY id`,
    )
    .all(juryId) as { candidateId: number; decision: string }[];
  return new Map(rows.map((row) => [row.candidateId, row.decision]));
}

function consentingCandidates(db: Db, sessionId: number): Set<number> {
  const rows = db
    .prepare('SELECT id FROM candidates WHERE exam_session_id = ? AND publication_consent = 1')
    .all(sessionId) as { id: number }[];
  return new Set(rows.map((row) => row.id));
}

export function admittedList(
  db: Db,
  session: ExamSessionContext,
  juries: readonly JuryRow[],
  scope: AdmittedList['scope'],
  now: Date = new Date(),
): AdmittedList {
  const consenting = consentingCandidates(db, session.id);
  const candidates: PublishedCandidate[] = [];
  const listed: PublicationJury[] = [];
  for (const jury of juries) {
    const stored = readFinalRecord(db, jury.id);
    if (!stored) {
      listed.push({ id: jury.id, name: jury.name, locked: false, lockedAt: null, admitted: 0 });
      continue;
    }
    const { record } = stored;
    const amended = amendedDecisions(db, jury.id);
    const decided = [
      ...record.candidates.map((c) => ({ ...c, decision: c.decision as string })),
      ...('notDeliberated' in record
        ? record.notDeliberated.map((c) => ({ ...c, decision: 'incomplet' }))
        : []),
    ];
    let admitted = 0;
    for (const candidate of decided) {
      const inForce = amended.get(candidate.id) ?? candidate.decision;
      if (inForce !== 'admis') continue;
      admitted += 1;
      const named = consenting.has(candidate.id);
      candidates.push({
        number: candidate.number,
        lastName: named ? candidate.lastName : null,
        firstName: named ? candidate.firstName : null,
        juryId: jury.id,
        byAmendment: candidate.decision !== 'admis',
      });
    }
    listed.push({
      id: jury.id,
      name: jury.name,
      locked: true,
      lockedAt: record.lockedAt,
      admitted,
    });
  }
  candidates.sort((a, b) => byNumber.compare(a.number, b.number));
  return {
    scope,
    session: {
      id: session.id,
      year: session.year,
      diploma: session.regulation.label,
      specialty: session.regulation.specialty,
      centre: session.centre,
      academie: session.academie,
    },
    juries: listed,
    candidates,
    withoutName: candidates.filter((c) => c.lastName === null).length,
    readAt: now.toISOString(),
  };
}
