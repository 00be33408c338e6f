import type { OralEntry } from '@delib/protocol';
import type { Regulation } from '@delib/rules';
import { interpretMarkInput, markFieldText, toggleAbsence } from './mark-input';

/** What a mark field shows and writes: one unit of one candidate. */
export interface MarkField {
  regulation: Regulation;
  unit: string;
  /** The entry stored in the commission's document. */
  entry: OralEntry | null;
}

/**
 * The text an examiner types in one mark field, between what the document holds and what
 * is written to it. While the examiner types (`dirty`), remote changes do not overwrite the
 * draft; a commit checks it with @delib/rules and writes it, or keeps it with its problem.
 */
export class MarkDraft {
  text = $state('');
  /** The examiner has typed since the last commit. */
  dirty = $state(false);
  /** Why the draft was refused, in French. */
  problem = $state<string | null>(null);

  private readonly field: () => MarkField;
  private readonly write: (entry: OralEntry | null) => void;

  /** `field` is read at each use: the stored entry changes while the page is open. */
  constructor(field: () => MarkField, write: (entry: OralEntry | null) => void) {
    this.field = field;
    this.write = write;
  }

  /** The stored entry changed: the draft follows it unless the examiner is typing. */
  follow(entry: OralEntry | null): void {
    const text = markFieldText(entry);
    if (!this.dirty) this.text = text;
  }

  /** The examiner typed. */
  typed(): void {
    this.dirty = true;
    this.problem = null;
  }

  /** Checks the draft with @delib/rules and writes it; false when the mark is refused. */
  commit(): boolean {
    const { regulation, unit, entry } = this.field();
    const outcome = interpretMarkInput(this.text, regulation, unit, entry);
    if (outcome.kind === 'invalid') {
      this.problem = outcome.message;
      return false;
    }
    if (outcome.kind === 'write') this.write(outcome.entry);
    else if (outcome.kind === 'clear') this.write(null);
    this.problem = null;
    this.dirty = false;
    return true;
  }

  /**
   * A text typed and refused before a reload comes back into its field, checked again:
   * refused with its problem, or, if it has become acceptable, left to the examiner to
   * validate (it is not written on their behalf).
   */
  restore(text: string): void {
    const { regulation, unit, entry } = this.field();
    this.text = text;
    this.dirty = true;
    const outcome = interpretMarkInput(text, regulation, unit, entry);
    this.problem = outcome.kind === 'invalid' ? outcome.message : null;
  }

  /** Back to what the document holds. */
  revert(): void {
    this.problem = null;
    this.dirty = false;
    this.text = markFieldText(this.field().entry);
  }

  /** « Absent justifié » or « Absent non justifié » pressed: sets or lifts that absence. */
  pressAbsence(kind: 'justified' | 'unjustified'): void {
    const { regulation, unit, entry } = this.field();
    this.write(toggleAbsence(regulation, unit, entry, kind));
    this.revert();
  }

  /** « Effacer »: removes the stored entry, and the draft. */
  clear(): void {
    if (this.field().entry) this.write(null);
    this.revert();
  }
}
