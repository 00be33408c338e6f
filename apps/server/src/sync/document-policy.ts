import * as Y from 'yjs';
import {
  GRIDS_MAP,
  JURY_MAPS,
  candidateInput,
  parseCellKey,
  parseDocumentName,
} from '@delib/protocol';
import type { Access, DocumentRef, ExamSessionInfo, OralEntry, SessionUser } from '@delib/protocol';
import { checkGridLevels, computeResult, findGrid, isRulesError } from '@delib/rules';
import type { Regulation } from '@delib/rules';
import type { AuditEvent } from '../audit/audit-trail.js';
import type { CommissionRow, ExamRepository, JuryRow } from '../db/exam-repository.js';
import { boardView } from '../deliberation/board-view.js';
import { unitsHeardInCommission } from '../commissions/units-heard.js';
import { checkOralEntry } from './check-oral-entry.js';
import { COMMISSION_MAPS, commissionLayout } from './commission-layout.js';
import { juryLayout } from './jury-layout.js';
import type { ComputedDecision } from './jury-layout.js';
import { validateUpdate } from './validate-update.js';
import type { DecodedUpdate, MapChange } from './validate-update.js';

/** A document the server serves, resolved from its name. */
export interface DocumentTarget {
  name: string;
  ref: DocumentRef;
  juryId: number;
}

export interface DocumentAudit {
  /** The root maps of the document, whose changes the caller collects when applying. */
  maps: readonly string[];
  /** The audit rows of changes to them (the user and role are the caller's to add). */
  describe(changes: readonly MapChange[]): Omit<AuditEvent, 'userId' | 'role'>[];
  /** The actions of the rows that tell of the values of a key of `map`. */
  actions(map: string): readonly string[];
}

export type PolicyVerdict = ({ ok: true } & DocumentAudit) | { ok: false; message: string };

/** The audit action of an examiner's value that a concurrent value overruled. */
export const OVERRULED_ENTRY = 'saisie écartée';

/** The audit action of a filled grid that a concurrent grid overruled. */
export const OVERRULED_GRID = 'grille écartée';

/**
 * The audit action of a change to a room's document: a mark (`saisie`) or a filled grid
 * (`grille`), each « écartée » when a concurrent value overruled it.
 */
function commissionAction(map: string, overruled = false): string {
  if (map === GRIDS_MAP) return overruled ? OVERRULED_GRID : 'grille';
  return overruled ? OVERRULED_ENTRY : 'saisie';
}

/** Why a row of the audit trail tells of two values written at once (`MapChange`). */
export const CONCURRENT_REASONS = {
  overruled:
    'Saisie simultanée : une autre valeur, écrite en même temps, a été retenue ; celle-ci n’a pas été appliquée.',
  concurrent: 'Saisie simultanée : remplace une valeur que son auteur n’avait pas encore reçue.',
} as const;

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

/**
 * What validating one update reads of a document's jury, session and room: read again at most
 * this often (as the session and rights, sync-endpoint.ts), not on every update. The lock
 * does not wait for it: the endpoint knows of a lock at once (`juryLocked`, on every process
 * through Redis) and the commit reads the jury's row itself (locked-juries.ts).
 */
const CONTEXT_TTL_MS = 2_000;

function sameCells(a: Map<number, Set<string>>, b: Map<number, Set<string>>): boolean {
  if (a.size !== b.size) return false;
  for (const [candidateId, units] of a) {
    const other = b.get(candidateId);
    if (!other || other.size !== units.size) return false;
    for (const unit of units) if (!other.has(unit)) return false;
  }
  return true;
}

interface ValidationContext {
  at: number;
  jury: JuryRow | null;
  session: ExamSessionInfo | null;
  commission: CommissionRow | null;
}

export class DocumentPolicy {
  private readonly allowedCellsCache = new Map<
    number,
    { at: number; cells: Map<number, Set<string>> }
  >();
  private readonly contexts = new Map<string, ValidationContext>();

  /**
   * `documentState` gives the server's copy of a document (the sync endpoint's): a jury's
   * decision is checked against the oral marks of its commissions.
   */
  constructor(
    private readonly exams: ExamRepository,
    private readonly documentState: (target: DocumentTarget) => Uint8Array,
    private readonly now: () => number = Date.now,
  ) {}

  private allowedCells(
    commission: CommissionRow,
    regulation: Regulation,
  ): Map<number, Set<string>> {
    const cached = this.allowedCellsCache.get(commission.id);
    if (cached && this.now() - cached.at < ALLOWED_CELLS_TTL_MS) return cached.cells;
    const read = unitsHeardInCommission(this.exams, commission, regulation);
    // Unchanged (nearly always), the cached map is kept and the one just read dies young: a
    // map replaced every 5 s per room outlived the young generation, and the garbage
    // collector copied and promoted it only to find it dead later (`--trace-gc` in the bench).
    const cells = cached && sameCells(cached.cells, read) ? cached.cells : read;
    this.allowedCellsCache.set(commission.id, { at: this.now(), cells });
    return cells;
  }

  /** The room's passages changed: its writable cells are read again on the next update. */
  forgetRoom(commissionId: number): void {
    this.allowedCellsCache.delete(commissionId);
    this.contexts.clear();
  }

  /** A session's settings or regulation changed: every update reads them again. */
  forgetContexts(): void {
    this.contexts.clear();
  }

  private context(target: DocumentTarget): ValidationContext {
    const cached = this.contexts.get(target.name);
    const now = this.now();
    if (cached && now - cached.at < CONTEXT_TTL_MS) return cached;
    const jury = this.exams.jury(target.juryId);
    const context: ValidationContext = {
      at: now,
      jury,
      session: jury ? this.exams.examSession(jury.examSessionId) : null,
      commission: target.ref.kind === 'commission' ? this.exams.commission(target.ref.id) : null,
    };
    if (this.contexts.size > 10_000) this.contexts.clear();
    this.contexts.set(target.name, context);
    return context;
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
    return this.context(target).jury?.lockedAt != null;
  }

  validate(
    user: SessionUser,
    target: DocumentTarget,
    doc: Y.Doc,
    decoded: DecodedUpdate,
    update: Uint8Array,
  ): PolicyVerdict {
    const { jury, session, commission } = this.context(target);
    if (!jury || !session) return { ok: false, message: 'Jury introuvable.' };
    if (target.ref.kind === 'commission') {
      if (!commission) return { ok: false, message: 'Salle introuvable.' };
      const layout = commissionLayout({
        allowedCells: this.allowedCells(commission, session.regulation),
        checkEntry: (unit: string, entry: OralEntry) =>
          checkOralEntry(session.regulation, session.year, unit, entry),
        checkGrid: (unit, grid) =>
          checkGridLevels(findGrid(session.regulation.grids, unit), unit, grid),
      });
      const verdict = validateUpdate(doc, decoded, update, layout);
      return verdict.ok ? { ok: true, ...this.audit(target) } : verdict;
    }
    const decisions = this.decisionsOf(jury);
    const layout = juryLayout({
      regulation: session.regulation,
      session: session.year,
      candidateIds: new Set(this.exams.candidatesOfJury(jury.id).map((c) => c.id)),
      memberIds: new Set(this.exams.members(jury.id).map((m) => m.userId)),
      writer: {
        userId: user.id,
        president: this.exams.juryRole(jury.id, user.id) === 'president',
      },
      computedDecision: (candidateId, juryDoc) => decisions.decide(candidateId, juryDoc),
    });
    try {
      const verdict = validateUpdate(doc, decoded, update, layout);
      return verdict.ok ? { ok: true, ...this.audit(target) } : verdict;
    } finally {
      decisions.close();
    }
  }

  /**
   * The root maps of a document's layout, whose changes are audited, and the audit rows of
   * changes to them: those an accepted update made, and the values a concurrent value
   * accepted by another process overruled (sync-endpoint.ts, findSetAside).
   */
  audit(target: DocumentTarget): DocumentAudit {
    if (target.ref.kind === 'commission') {
      return {
        maps: COMMISSION_MAPS,
        describe: (changes) =>
          changes.map((change) =>
            this.describe(target, change, commissionAction(change.map, change.overruled)),
          ),
        actions: (map) => [commissionAction(map), commissionAction(map, true)],
      };
    }
    return {
      maps: JURY_MAPS,
      describe: (changes) =>
        changes.map((change) =>
          this.describe(target, change, JURY_ACTIONS[change.map] ?? change.map),
        ),
      // A jury's change and a jury's value set aside are told under the same action.
      actions: (map) => [JURY_ACTIONS[map] ?? map],
    };
  }

  /**
   * What the rules decide for the candidates of a jury, while one update is checked: the
   * server's stored entries, its copies of the commission documents, and the given jury
   * document (the scratch copy of the update). The board and each room's copy are read once
   * per update and each candidate's decision computed once: an update confirming a decision
   * many times, or many candidates' decisions, costs one board, not one per value (a
   * president's update of 64 KB held 1,800 values of one decision and stalled the server
   * for two seconds). `close` frees the copies.
   */
  private decisionsOf(jury: JuryRow): {
    decide(candidateId: number, juryDoc: Y.Doc): ComputedDecision;
    close(): void;
  } {
    let board: ReturnType<typeof boardView> | null = null;
    const commissionDocs = new Map<number, Y.Doc>();
    const decided = new Map<number, ComputedDecision>();
    const roomDoc = (commissionId: number): Y.Doc | null => {
      const held = commissionDocs.get(commissionId);
      if (held) return held;
      const commission = board?.commissions.find((c) => c.id === commissionId);
      const target = commission ? this.resolve(commission.document) : null;
      if (!target) return null;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, this.documentState(target));
      commissionDocs.set(commissionId, doc);
      return doc;
    };
    const decide = (candidateId: number, juryDoc: Y.Doc): ComputedDecision => {
      board ??= boardView(this.exams, jury);
      const candidate = board.candidates.find((c) => c.id === candidateId);
      if (!candidate) return { refusal: 'Candidat inconnu de ce jury.' };
      const docs = new Map<number, Y.Doc>();
      for (const commissionId of new Set(Object.values(candidate.commissionByUnit))) {
        const doc = roomDoc(commissionId);
        if (doc) docs.set(commissionId, doc);
      }
      try {
        const input = candidateInput(candidate, board.session.year, docs, juryDoc);
        return { decision: computeResult(board.session.regulation, input).decision };
      } catch (error) {
        if (isRulesError(error)) return { refusal: error.message };
        throw error;
      }
    };
    return {
      decide(candidateId, juryDoc) {
        let decision = decided.get(candidateId);
        if (!decision) {
          decision = decide(candidateId, juryDoc);
          decided.set(candidateId, decision);
        }
        return decision;
      },
      close() {
        for (const doc of commissionDocs.values()) doc.destroy();
      },
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
    const written = (change.after as { reason?: unknown } | null)?.reason;
    // An adjustment's own reason comes first; the overruled value's is not the one kept.
    const own = !change.overruled && typeof written === 'string' && written !== '';
    const reason = own
      ? written
      : change.overruled
        ? CONCURRENT_REASONS.overruled
        : change.concurrent
          ? CONCURRENT_REASONS.concurrent
          : null;
    return {
      document: target.name,
      candidateId: change.map === 'attendance' ? null : candidateId,
      unit: change.map === 'notes' ? null : (cell?.unit ?? null),
      action,
      before: change.before,
      after: change.after,
      reason,
    };
  }
}
