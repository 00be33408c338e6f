import type { LockedRecord, RecordAmendment } from '@delib/protocol';
import { ApiRequestError } from '../api/api-client';
import { fetchLockedRecord } from './deliberation-api';
import { rectificationsOf } from './rectification-form';

/**
 * What the board knows of its jury once locked: the record, its rectifications, the original
 * minute's signature and the rectified minutes signed (`GET /api/juries/:id/record`). The
 * minute panel and the candidate panel read it; a rectification or a signature refreshes it.
 */
export class LockedRecordState {
  record = $state<LockedRecord | null>(null);
  problem = $state<string | null>(null);
  private readonly juryId: number;

  constructor(juryId: number) {
    this.juryId = juryId;
  }

  async refresh(): Promise<void> {
    try {
      this.record = await fetchLockedRecord(this.juryId);
      this.problem = null;
    } catch (error) {
      this.problem =
        error instanceof ApiRequestError
          ? error.message
          : 'Procès-verbal indisponible pour le moment. Réessayez.';
    }
  }

  /** The rectifications of inputs, oldest first. */
  get rectifications(): RecordAmendment[] {
    return this.record?.amendments.filter((a) => a.unit !== null) ?? [];
  }

  rectificationsOf(candidateId: number): RecordAmendment[] {
    return rectificationsOf(this.record?.amendments ?? [], candidateId);
  }

  /** Rectifications that no signed rectified minute covers yet. */
  get unsigned(): number {
    const covered = this.record?.rectifiedMinutes.at(-1)?.rectifications ?? 0;
    return Math.max(0, this.rectifications.length - covered);
  }
}
