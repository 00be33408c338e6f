import type { BoardCandidate, LockProblem } from '@delib/protocol';
import { candidateName } from '../format/candidate-name';
import type { LockOutcome } from './lock-outcome';

/** The lock dialog's steps: confirm, confirm the incomplete candidates by name, or problems. */
export type LockStep = 'confirm' | 'incomplete' | 'problems';

/** A refused lock: what the dialog shows. */
export type LockRefusal = Exclude<LockOutcome, { kind: 'locked' }>;

/** `DURAND Camille` from the board when the candidate is known, else the server's name. */
export function problemName(problem: LockProblem, candidates: readonly BoardCandidate[]): string {
  const candidate = candidates.find((c) => c.id === problem.candidateId);
  return candidate ? candidateName(candidate) : problem.name;
}

/**
 * The president's way through the lock dialog. The first attempt confirms no one; when the
 * server names incomplete candidates, each must be ticked by name before the lock is sent
 * again with them. Other refusals (livret, invalid record, failure) end on their problems.
 */
export class LockFlow {
  step = $state<LockStep>('confirm');
  outcome = $state<LockRefusal | null>(null);
  /** Ids of the incomplete candidates ticked so far. */
  confirmed = $state<number[]>([]);
  busy = $state(false);
  /** The incomplete candidates the server named. */
  readonly toConfirm = $derived(this.outcome?.kind === 'incomplete' ? this.outcome.candidates : []);
  readonly allConfirmed = $derived(
    this.toConfirm.length > 0 &&
      this.toConfirm.every((problem) => this.confirmed.includes(problem.candidateId)),
  );

  private readonly send: (confirmIncomplete: number[]) => Promise<LockOutcome>;

  constructor(send: (confirmIncomplete: number[]) => Promise<LockOutcome>) {
    this.send = send;
  }

  /** The dialog opens on its first step. */
  reset(): void {
    this.step = 'confirm';
    this.outcome = null;
    this.confirmed = [];
  }

  /**
   * Sends the lock, confirming `confirmIncomplete`. Returns the lock when it is done, or null
   * when the dialog stays open on the next step (or while an attempt is under way).
   */
  async lock(confirmIncomplete: number[]): Promise<{ lockedAt: string; sha256: string } | null> {
    if (this.busy) return null;
    this.busy = true;
    try {
      const answer = await this.send(confirmIncomplete);
      if (answer.kind === 'locked') return { lockedAt: answer.lockedAt, sha256: answer.sha256 };
      this.outcome = answer;
      if (answer.kind === 'incomplete') {
        this.confirmed = this.confirmed.filter((id) =>
          answer.candidates.some((c) => c.candidateId === id),
        );
        this.step = 'incomplete';
      } else {
        this.step = 'problems';
      }
    } catch {
      this.outcome = {
        kind: 'failed',
        message: 'Verrouillage impossible pour le moment. Réessayez.',
      };
      this.step = 'problems';
    } finally {
      this.busy = false;
    }
    return null;
  }

  /** Ticks or unticks one incomplete candidate. */
  toggle(candidateId: number, on: boolean): void {
    this.confirmed = on
      ? [...this.confirmed, candidateId]
      : this.confirmed.filter((other) => other !== candidateId);
  }
}
