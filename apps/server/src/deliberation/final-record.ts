import {
  adjustmentKey,
  candidateKey,
  MEMBER_CATEGORY_LABELS,
  readJuryMap,
  readJuryValue,
} from '@delib/protocol';
import type {
  DecisionConfirmation,
  FinalRecord,
  LegacyFinalRecord,
  LockProblem,
  NotDeliberatedCandidate,
  RecordCandidate,
  RecordMember,
} from '@delib/protocol';
import { computeResult, formatAverage, getRegulation, isRulesError } from '@delib/rules';
import type { CandidateInput, CandidateResult } from '@delib/rules';
import type { JurySnapshot } from './jury-snapshot.js';

/**
 * The final record of a jury, built by the server from its own documents with
 * `@delib/rules` at the moment of the lock. It is what the minute prints and what the
 * signature covers (as RFC 8785 canonical JSON), so it holds everything the minute shows and
 * nothing that could vary between two builds of the same record. Its shape, `FinalRecord`, is
 * the wire type of `@delib/protocol`.
 *
 * Every decision in it is what `computeResult` gives for the final inputs: the jury document
 * can only confirm that decision (a confirmation naming another one is left out), and a
 * candidate whose file is incomplete gets no decision but a place in `notDeliberated`, with
 * the units that have no entry. Format 3 adds what a rectorat expects to read: each
 * candidate's date of birth, the name of who set each adjustment (from the audit trail, see
 * adjustment-authors.ts) and, for a candidate of the épreuves de contrôle, the first group's
 * average and decision. Format 1 (`LegacyFinalRecord`) let the jury's own decision
 * stand; records of that format stay readable and verifiable as they were signed.
 */
export const FINAL_RECORD_FORMAT: FinalRecord['format'] = 'delib.final-record/3';
/**
 * Records locked before the date of birth, the adjustments' authors, the first group's
 * figures and the émargement were kept (same shape, without those fields): still read,
 * rendered and verified as signed.
 */
export const RECORD_FORMAT_2: FinalRecord['format'] = 'delib.final-record/2';
export const LEGACY_RECORD_FORMAT: LegacyFinalRecord['format'] = 'delib.final-record/1';

export type BuildOutcome =
  | {
      ok: true;
      record: FinalRecord;
      incomplete: LockProblem[];
      livretMissing: LockProblem[];
    }
  | { ok: false; invalid: LockProblem[] };

export function buildFinalRecord(
  snapshot: JurySnapshot,
  meta: {
    appointmentRef: string | null;
    lockedAt: string;
    lockedBy: string;
    audit: { rows: number; head: string };
    /** Dates of birth by candidate id (`2006-03-14`); a candidate missing here has none. */
    birthDates: ReadonlyMap<number, string | null>;
    /** Who set each adjustment in force, by `<candidateId>:<unit>` (adjustmentKey). */
    adjustmentAuthors: ReadonlyMap<string, string>;
    /** The émargement the president confirmed in the lock dialog (user id → present), if any. */
    attendance?: ReadonlyMap<string, boolean>;
  },
): BuildOutcome {
  const { board, juryDoc } = snapshot;
  const regulation = getRegulation(board.session.regulationId);
  const attendance = readJuryMap(juryDoc, 'attendance');
  const candidates: RecordCandidate[] = [];
  const notDeliberated: NotDeliberatedCandidate[] = [];
  const invalid: LockProblem[] = [];
  const incomplete: LockProblem[] = [];
  const livretMissing: LockProblem[] = [];

  for (const candidate of board.candidates) {
    const who = {
      candidateId: candidate.id,
      number: candidate.number,
      name: `${candidate.lastName} ${candidate.firstName}`,
    };
    let result: CandidateResult;
    try {
      result = computeResult(
        regulation,
        withAuthors(snapshot.inputOf(candidate), candidate.id, meta.adjustmentAuthors),
      );
    } catch (error) {
      if (!isRulesError(error)) throw error;
      invalid.push({ ...who, message: error.message });
      continue;
    }
    const identity = {
      id: candidate.id,
      number: candidate.number,
      lastName: candidate.lastName,
      firstName: candidate.firstName,
      status: candidate.status,
      birthDate: meta.birthDates.get(candidate.id) ?? null,
    };
    const decision = result.decision;
    if (decision === 'incomplet') {
      incomplete.push({ ...who, message: `Unités sans note : ${result.missing.join(', ')}.` });
      notDeliberated.push({ ...identity, lines: result.lines, missing: result.missing });
      continue;
    }
    const key = candidateKey(candidate.id);
    const livretConsulted = readJuryValue(juryDoc, 'livret', key) !== null;
    if (decision === 'refuse' && !livretConsulted && candidate.status !== 'individuel') {
      livretMissing.push({ ...who, message: 'Livret scolaire non consulté avant un refus.' });
    }
    // The jury document confirms the computed decision; a value naming another decision (the
    // inputs changed since it was written) confirms nothing and is left out.
    const confirmed = readJuryValue(juryDoc, 'decisions', key);
    const confirmation: DecisionConfirmation | null =
      confirmed?.decision === decision ? { note: confirmed.reason.trim() || null } : null;
    candidates.push(recordCandidate(identity, result, decision, confirmation, livretConsulted));
  }
  if (invalid.length > 0) return { ok: false, invalid };

  const members: RecordMember[] = board.members.map((member) => {
    const present = attendance.get(member.userId);
    const category = present?.category ?? member.category;
    return {
      name: member.name,
      category,
      categoryLabel: MEMBER_CATEGORY_LABELS[category],
      president: member.president,
      present: meta.attendance?.get(member.userId) ?? present?.present ?? true,
    };
  });

  return {
    ok: true,
    incomplete,
    livretMissing,
    record: {
      format: FINAL_RECORD_FORMAT,
      session: {
        year: board.session.year,
        regulationId: regulation.id,
        diploma: regulation.label,
        specialty: regulation.specialty,
        reference: regulation.reference,
        centre: board.session.centre,
        academie: board.session.academie,
      },
      jury: { id: board.jury.id, name: board.jury.name, appointmentRef: meta.appointmentRef },
      members,
      lockedAt: meta.lockedAt,
      lockedBy: meta.lockedBy,
      audit: meta.audit,
      candidates,
      notDeliberated,
      attendance: {
        recordedAt: meta.lockedAt,
        recordedBy: meta.lockedBy,
        confirmedAtLock: meta.attendance !== undefined,
      },
    },
  };
}

/** A deliberated candidate of the record, from what `computeResult` gives for its inputs. */
export function recordCandidate(
  identity: Pick<
    RecordCandidate,
    'id' | 'number' | 'lastName' | 'firstName' | 'status' | 'birthDate'
  >,
  result: CandidateResult,
  decision: RecordCandidate['decision'],
  confirmation: DecisionConfirmation | null,
  livretConsulted: boolean,
): RecordCandidate {
  return {
    ...identity,
    lines: result.lines,
    total: result.total,
    divisor: result.divisor,
    bonus: result.bonus,
    average: result.average,
    averageExact: result.averageExact
      ? { numerator: result.averageExact.numerator, denominator: result.averageExact.denominator }
      : null,
    averageDisplay: result.average === null ? '—' : formatAverage(result.average),
    professionalAverage: result.professionalAverage,
    professionalAverageDisplay:
      result.professionalAverage === null ? '—' : formatAverage(result.professionalAverage),
    decision,
    confirmation,
    livretConsulted,
    control: result.control,
    firstGroup: result.control
      ? {
          total: result.firstGroup.total,
          average: result.firstGroup.average,
          averageDisplay:
            result.firstGroup.average === null ? '—' : formatAverage(result.firstGroup.average),
          decision: result.firstGroup.decision,
        }
      : null,
    warnings: result.warnings,
  };
}

/** The input with each adjustment's author, as the audit trail names them. */
function withAuthors(
  input: CandidateInput,
  candidateId: number,
  authors: ReadonlyMap<string, string>,
): CandidateInput {
  if (!input.adjustments) return input;
  const adjustments = Object.fromEntries(
    Object.entries(input.adjustments).map(([unit, adjustment]) => {
      const by = authors.get(adjustmentKey(candidateId, unit));
      return [unit, by === undefined || !adjustment ? adjustment : { ...adjustment, by }];
    }),
  );
  return { ...input, adjustments };
}
