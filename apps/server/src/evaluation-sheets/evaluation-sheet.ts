import * as Y from 'yjs';
import { amendedValueText, readFilledGrid } from '@delib/protocol';
import type { FilledGrid, FinalRecord, RecordAmendment, SignedRecord } from '@delib/protocol';
import { findGrid, findUnit, proposeMark } from '@delib/rules';
import type { EvaluationGrid, ProposedMark, UnitLine } from '@delib/rules';
import type { ExamRepository, JuryRow } from '../db/exam-repository.js';
import type { Db } from '../db/open-database.js';
import { boardView } from '../deliberation/board-view.js';

/** A rectification of the unit after the lock (`POST /amendments`), as the fiche prints it. */
export interface UnitRectification {
  input: 'entry' | 'adjustment';
  /** `12`, `ABS`; `aucun` for no adjustment. */
  beforeText: string;
  afterText: string;
  reason: string;
  author: string;
  createdAt: string;
}

/** One oral unit of a candidate's fiche d'évaluation. */
export interface EvaluatedUnit {
  unit: string;
  epreuve: string;
  label: string;
  /** `Commission E4 – Salle 12`, or null when no room heard the unit. */
  room: string | null;
  /** The room's examiners, by name. */
  examiners: string[];
  /** The unit's grid in the session's regulation, or null when it has none. */
  grid: EvaluationGrid | null;
  /** The levels the examiners chose, or null when they typed the mark without the grid. */
  levels: FilledGrid | null;
  proposal: ProposedMark | null;
  /** The locked record's line: the examiners' entry and the jury's adjustment. */
  line: UnitLine;
  /** The rectifications of this unit since the lock, oldest first: the last one counts. */
  rectifications: UnitRectification[];
}

export interface EvaluationSheet {
  session: FinalRecord['session'];
  jury: FinalRecord['jury'];
  lockedAt: string;
  candidate: { id: number; number: string; lastName: string; firstName: string };
  markStep: number;
  units: EvaluatedUnit[];
}

/**
 * The fiche d'évaluation of one candidate of a locked jury: for each oral unit with an entry,
 * the grid filled in the room (read from the server's copy of the room's document, which the
 * lock froze), the examiners' entry and adjustment from the locked record, and the room's
 * examiners, then the rectifications of the unit since the lock (`amendments`, oldest first).
 * Null when the candidate is not in the record.
 */
export function evaluationSheet(
  db: Db,
  exams: ExamRepository,
  jury: JuryRow,
  record: SignedRecord,
  candidateId: number,
  commissionState: (documentName: string) => Uint8Array | null,
  amendments: readonly RecordAmendment[] = [],
): EvaluationSheet | null {
  const notDeliberated = 'notDeliberated' in record ? record.notDeliberated : [];
  const candidate =
    record.candidates.find((c) => c.id === candidateId) ??
    notDeliberated.find((c) => c.id === candidateId);
  if (!candidate) return null;
  // The session's regulation (shipped or uploaded, with its settings): its grids.
  const regulation = exams.examSession(jury.examSessionId)?.regulation;
  if (!regulation) return null;
  const board = boardView(exams, jury);
  const onBoard = board.candidates.find((c) => c.id === candidateId);
  const examinersOf = db.prepare(
    `SELECT u.display_name AS name FROM commission_examiners e
     JOIN users u ON u.id = e.user_id WHERE e.commission_id = ? ORDER BY u.display_name`,
  );
  const documents = new Map<number, Y.Doc>();
  try {
    const units: EvaluatedUnit[] = [];
    for (const line of candidate.lines) {
      const definition = findUnit(regulation, line.unit);
      if (!definition || definition.form !== 'oral' || line.entry === null) continue;
      const commissionId = onBoard?.commissionByUnit[line.unit];
      const commission = board.commissions.find((c) => c.id === commissionId) ?? null;
      let levels: FilledGrid | null = null;
      if (commission) {
        let doc = documents.get(commission.id);
        if (!doc) {
          doc = new Y.Doc();
          const state = commissionState(commission.document);
          if (state) Y.applyUpdate(doc, state);
          documents.set(commission.id, doc);
        }
        levels = readFilledGrid(doc, candidateId, line.unit);
      }
      const grid = findGrid(regulation.grids, line.unit);
      units.push({
        unit: line.unit,
        epreuve: definition.epreuve,
        label: definition.label,
        room: commission ? `${commission.name} – ${commission.room}` : null,
        examiners: commission
          ? (examinersOf.all(commission.id) as { name: string }[]).map((row) => row.name)
          : [],
        grid,
        levels,
        proposal: grid && levels ? proposeMark(grid, levels, regulation.settings.markStep) : null,
        line,
        rectifications: amendments
          // A contrôle mark (`control`) names an épreuve de contrôle, not this oral unit.
          .filter(
            (a) =>
              a.candidateId === candidateId &&
              a.unit === line.unit &&
              (a.input === 'entry' || a.input === 'adjustment'),
          )
          .map((a) => ({
            input: a.input as UnitRectification['input'],
            beforeText: amendedValueText(a.input, a.before),
            afterText: amendedValueText(a.input, a.after),
            reason: a.reason,
            author: a.author,
            createdAt: a.createdAt,
          })),
      });
    }
    return {
      session: record.session,
      jury: record.jury,
      lockedAt: record.lockedAt,
      candidate: {
        id: candidate.id,
        number: candidate.number,
        lastName: candidate.lastName,
        firstName: candidate.firstName,
      },
      markStep: regulation.settings.markStep,
      units,
    };
  } finally {
    for (const doc of documents.values()) doc.destroy();
  }
}
