import { parseCellKey, parseDocumentName } from '@delib/protocol';
import type { Access, DocumentRef, OralEntry, SessionUser } from '@delib/protocol';
import { getRegulation } from '@delib/rules';
import type * as Y from 'yjs';
import type { AuditEvent } from '../audit/audit-trail.js';
import type { CommissionRow, ExamRepository } from '../db/exam-repository.js';
import { unitsHeardInCommission } from '../setup/units-heard.js';
import { checkOralEntry } from './check-oral-entry.js';
import { commissionLayout } from './commission-layout.js';
import { juryLayout } from './jury-layout.js';
import { validateUpdate } from './validate-update.js';
import type { MapChange } from './validate-update.js';

/** A document the server serves, resolved from its name. */
export interface DocumentTarget {
  name: string;
  ref: DocumentRef;
  juryId: number;
}

export type PolicyVerdict =
  { ok: true; audit: Omit<AuditEvent, 'userId' | 'role'>[] } | { ok: false; message: string };

const JURY_ACTIONS: Record<string, string> = {
  adjustments: 'ajustement',
  decisions: 'décision',
  livret: 'livret',
  control: 'contrôle',
  attendance: 'présence',
  notes: 'note',
};

/**
 * Who may do what with which document (architecture, "Documents and rights"), and what an
 * update may contain. Asked on every message, not only at connection time.
 */
/**
 * The cells a room may write change only when the centre edits its schedule or imports;
 * they are read again at most this often instead of on every update.
 */
const ALLOWED_CELLS_TTL_MS = 5_000;

export class DocumentPolicy {
  private readonly allowedCellsCache = new Map<
    number,
    { at: number; cells: Map<number, Set<string>> }
  >();

  constructor(
    private readonly exams: ExamRepository,
    private readonly now: () => number = Date.now,
  ) {}

  private allowedCells(commission: CommissionRow, regulationId: string): Map<number, Set<string>> {
    const cached = this.allowedCellsCache.get(commission.id);
    if (cached && this.now() - cached.at < ALLOWED_CELLS_TTL_MS) return cached.cells;
    const cells = unitsHeardInCommission(this.exams, commission, regulationId);
    this.allowedCellsCache.set(commission.id, { at: this.now(), cells });
    return cells;
  }

  resolve(name: string): DocumentTarget | null {
    const ref = parseDocumentName(name);
    if (!ref) return null;
    if (ref.kind === 'commission') {
      const commission = this.exams.commission(ref.id);
      if (!commission || commission.generation !== ref.generation) return null;
      return { name, ref, juryId: commission.juryId };
    }
    const jury = this.exams.jury(ref.id);
    if (!jury || jury.generation !== ref.generation) return null;
    return { name, ref, juryId: jury.id };
  }

  /**
   * Examiners write their rooms; the jury reads them. The president writes the jury
   * document; members write it too, but its layout lets them touch only their own notes.
   */
  access(user: SessionUser, target: DocumentTarget): Access {
    const juryRole = this.exams.juryRole(target.juryId, user.id);
    if (target.ref.kind === 'commission') {
      if (this.exams.isExaminerOf(target.ref.id, user.id)) return 'write';
    } else if (juryRole !== null) {
      return 'write';
    }
    if (juryRole !== null || user.role === 'admin') return 'read';
    return 'none';
  }

  isLocked(target: DocumentTarget): boolean {
    return this.exams.jury(target.juryId)?.lockedAt != null;
  }

  validate(
    user: SessionUser,
    target: DocumentTarget,
    doc: Y.Doc,
    update: Uint8Array,
  ): PolicyVerdict {
    const jury = this.exams.jury(target.juryId);
    const session = jury ? this.exams.examSession(jury.examSessionId) : null;
    if (!jury || !session) return { ok: false, message: 'Jury introuvable.' };
    if (target.ref.kind === 'commission') {
      const commission = this.exams.commission(target.ref.id);
      if (!commission) return { ok: false, message: 'Salle introuvable.' };
      const verdict = validateUpdate(
        doc,
        update,
        commissionLayout({
          allowedCells: this.allowedCells(commission, session.regulationId),
          checkEntry: (unit: string, entry: OralEntry) =>
            checkOralEntry(session.regulationId, session.year, unit, entry),
        }),
      );
      if (!verdict.ok) return verdict;
      return {
        ok: true,
        audit: verdict.changes.map((change) => this.describe(target, change, 'saisie')),
      };
    }
    const verdict = validateUpdate(
      doc,
      update,
      juryLayout({
        regulation: getRegulation(session.regulationId),
        session: session.year,
        candidateIds: new Set(this.exams.candidatesOfJury(jury.id).map((c) => c.id)),
        memberIds: new Set(this.exams.members(jury.id).map((m) => m.userId)),
        writer: {
          userId: user.id,
          president: this.exams.juryRole(jury.id, user.id) === 'president',
        },
      }),
    );
    if (!verdict.ok) return verdict;
    return {
      ok: true,
      audit: verdict.changes.map((change) =>
        this.describe(target, change, JURY_ACTIONS[change.map] ?? change.map),
      ),
    };
  }

  private describe(
    target: DocumentTarget,
    change: MapChange,
    action: string,
  ): Omit<AuditEvent, 'userId' | 'role'> {
    const cell = parseCellKey(change.key);
    const candidateId =
      cell?.candidateId ?? (/^\d+(:|$)/.test(change.key) ? Number.parseInt(change.key, 10) : null);
    const reason = (change.after as { reason?: unknown } | null)?.reason;
    return {
      document: target.name,
      candidateId: change.map === 'attendance' ? null : candidateId,
      unit: change.map === 'notes' ? null : (cell?.unit ?? null),
      action,
      before: change.before,
      after: change.after,
      reason: typeof reason === 'string' && reason !== '' ? reason : null,
    };
  }
}
