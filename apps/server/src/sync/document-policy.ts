import { parseDocumentName } from '@delib/protocol';
import type { Access, DocumentRef, OralEntry, SessionUser } from '@delib/protocol';
import type * as Y from 'yjs';
import type { ExamRepository } from '../db/exam-repository.js';
import { unitsHeardInCommission } from '../setup/units-heard.js';
import { checkOralEntry } from './check-oral-entry.js';
import { validateCommissionUpdate } from './validate-update.js';
import type { UpdateVerdict } from './validate-update.js';

/** A document the server serves, resolved from its name. */
export interface DocumentTarget {
  name: string;
  ref: DocumentRef;
  juryId: number;
}

/**
 * Who may do what with which document (architecture, "Documents and rights"), and what an
 * update may contain. Asked on every message, not only at connection time.
 */
export class DocumentPolicy {
  constructor(private readonly exams: ExamRepository) {}

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

  access(user: SessionUser, target: DocumentTarget): Access {
    if (target.ref.kind === 'commission' && this.exams.isExaminerOf(target.ref.id, user.id)) {
      return 'write';
    }
    const juryRole = this.exams.juryRole(target.juryId, user.id);
    if (target.ref.kind === 'jury' && juryRole === 'president') return 'write';
    if (juryRole !== null || user.role === 'admin') return 'read';
    return 'none';
  }

  isLocked(target: DocumentTarget): boolean {
    return this.exams.jury(target.juryId)?.lockedAt != null;
  }

  validate(target: DocumentTarget, doc: Y.Doc, update: Uint8Array): UpdateVerdict {
    if (target.ref.kind !== 'commission') {
      return { ok: false, message: 'Le document du jury n’accepte pas encore de saisie.' };
    }
    const commission = this.exams.commission(target.ref.id);
    const jury = this.exams.jury(target.juryId);
    const session = jury ? this.exams.examSession(jury.examSessionId) : null;
    if (!commission || !session) return { ok: false, message: 'Salle introuvable.' };
    const allowedCells = unitsHeardInCommission(this.exams, commission, session.regulationId);
    return validateCommissionUpdate(doc, update, {
      allowedCells,
      checkEntry: (unit: string, entry: OralEntry) =>
        checkOralEntry(session.regulationId, session.year, unit, entry),
    });
  }
}
