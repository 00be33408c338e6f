import type {
  AmendedInput,
  CurrentRecord,
  NotDeliberatedCandidate,
  RecordCandidate,
  RecordAmendment,
  Rectification,
  RectifiedRecord,
  SignedRecord,
} from '@delib/protocol';
import { amendedValueText } from '@delib/protocol';
import { computeResult } from '@delib/rules';
import type { Regulation } from '@delib/rules';
import { applied, recordedInput } from './amend-record.js';
import type { StoredAmendment } from './amend-record.js';
import { recordCandidate } from './final-record.js';

/**
 * The locked record as the corrections made since the lock leave it: each corrected
 * candidate's inputs are those of the record with the corrections applied in order, and
 * `computeResult` gives the figures and the decision, exactly as at the lock. Nobody writes a
 * decision here either: a correction changes an input, the rules do the rest. The candidates
 * nobody corrected are copied from the record verbatim.
 *
 * This is what a rectified minute signs (`RectifiedRecord`), and what the results file and
 * the relevés show once corrections exist.
 */
export const RECTIFIED_RECORD_FORMAT: RectifiedRecord['format'] = 'delib.rectified-record/1';

/** An amendment as `GET /record` lists it, with the fields a rectified minute needs. */
export type AmendmentRow = Pick<
  RecordAmendment,
  'candidateId' | 'unit' | 'input' | 'after' | 'before' | 'reason' | 'author' | 'createdAt'
> & { decision: RecordAmendment['decision'] };

export interface RectifiedContent {
  candidates: RecordCandidate[];
  notDeliberated: NotDeliberatedCandidate[];
  rectifications: Rectification[];
}

/**
 * The candidates of a record of format 2 or 3 with every amendment applied, and the list of
 * those amendments as the minute prints them. Amendments of a decision, written before
 * amendments corrected inputs only, change nothing and are not listed.
 */
export function rectifiedContent(
  /** The session's regulation with its settings, as the lock computed with (sessionRegulation). */
  regulation: Regulation,
  record: CurrentRecord,
  amendments: readonly AmendmentRow[],
): RectifiedContent {
  const corrections = amendments.filter(
    (a): a is AmendmentRow & { unit: string; input: AmendedInput } =>
      a.unit !== null && a.input !== null,
  );
  const byCandidate = new Map<number, StoredAmendment[]>();
  for (const a of corrections) {
    const list = byCandidate.get(a.candidateId) ?? [];
    list.push({ unit: a.unit, input: a.input, after: a.after, reason: a.reason, by: a.author });
    byCandidate.set(a.candidateId, list);
  }
  const candidates: RecordCandidate[] = [];
  const notDeliberated: NotDeliberatedCandidate[] = [];
  const everyone: (RecordCandidate | NotDeliberatedCandidate)[] = [
    ...record.candidates,
    ...record.notDeliberated,
  ];
  for (const candidate of everyone) {
    const own = byCandidate.get(candidate.id);
    if (!own) {
      if ('decision' in candidate) candidates.push(candidate);
      else notDeliberated.push(candidate);
      continue;
    }
    const recorded = recordedInput(record, candidate.id);
    if (!recorded) continue;
    const result = computeResult(regulation, own.reduce(applied, recorded));
    const identity = {
      id: candidate.id,
      number: candidate.number,
      lastName: candidate.lastName,
      firstName: candidate.firstName,
      status: candidate.status,
      // Format 3 keeps the date of birth; a record of format 2 has none to copy.
      ...(candidate.birthDate === undefined ? {} : { birthDate: candidate.birthDate }),
    };
    if (result.decision === 'incomplet') {
      notDeliberated.push({ ...identity, lines: result.lines, missing: result.missing });
      continue;
    }
    const before = 'decision' in candidate ? candidate : null;
    // A confirmation confirmed the decision of the lock: it stands only while that decision does.
    const confirmation = before && before.decision === result.decision ? before.confirmation : null;
    candidates.push(
      recordCandidate(
        identity,
        result,
        result.decision,
        confirmation,
        before?.livretConsulted ?? false,
      ),
    );
  }
  const names = new Map(everyone.map((c) => [c.id, c]));
  const rectifications = corrections.map((a): Rectification => {
    const who = names.get(a.candidateId);
    return {
      candidateId: a.candidateId,
      number: who?.number ?? String(a.candidateId),
      name: who ? `${who.lastName} ${who.firstName}` : '',
      unit: a.unit,
      input: a.input,
      before: a.before ?? null,
      after: a.after ?? null,
      beforeText: amendedValueText(a.input, a.before),
      afterText: amendedValueText(a.input, a.after),
      reason: a.reason,
      author: a.author,
      createdAt: a.createdAt,
      decision: a.decision ?? { before: 'incomplet', after: 'incomplet' },
    };
  });
  return { candidates, notDeliberated, rectifications };
}

/** Whether a record's decisions follow the rules (format 2 or 3, or a rectified minute). */
export function isCurrentRecord(record: SignedRecord): record is CurrentRecord {
  return record.format !== 'delib.final-record/1';
}

/**
 * The rectified minute's record: the original record's session, jury, members and lock, the
 * candidates as corrected, the corrections, and the original minute's reference.
 */
export function buildRectifiedRecord(
  regulation: Regulation,
  original: CurrentRecord & { format: 'delib.final-record/2' | 'delib.final-record/3' },
  amendments: readonly AmendmentRow[],
  meta: { sequence: number; original: RectifiedRecord['original'] },
): RectifiedRecord {
  const content = rectifiedContent(regulation, original, amendments);
  const { format: _format, candidates: _c, notDeliberated: _n, ...kept } = original;
  return {
    ...kept,
    format: RECTIFIED_RECORD_FORMAT,
    sequence: meta.sequence,
    original: meta.original,
    candidates: content.candidates,
    notDeliberated: content.notDeliberated,
    rectifications: content.rectifications,
  };
}
