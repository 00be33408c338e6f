import type { LockedRecord } from '@delib/protocol';
import { fetchLockedRecord } from '../deliberation/deliberation-api';
import { frenchDateTime } from '../format/date-time';

/** The lock, once known: its date and the SHA-256 of the final record. */
export interface LockInfo {
  lockedAt: string;
  sha256: string | null;
}

/** `Délibération verrouillée le 12 juin 2027 à 14 h 03`, or null before the lock. */
export function lockedLabel(info: LockInfo | null): string | null {
  if (info === null) return null;
  const when = frenchDateTime(info.lockedAt);
  return when ? `Délibération verrouillée le ${when}` : 'Délibération verrouillée';
}

/**
 * What the board knows of its jury's lock. It learns of it three ways: the page opens on a
 * locked jury, the president's lock dialog answers (with the record's SHA-256), or the server
 * announces it (without): then the locked record is read for its SHA-256.
 */
export class BoardLock {
  info = $state<LockInfo | null>(null);
  /** The locked record could not be read. */
  problem = $state<string | null>(null);
  readonly label = $derived(lockedLabel(this.info));

  private readonly juryId: number;
  private readonly readRecord: (juryId: number) => Promise<LockedRecord | null>;

  constructor(
    jury: { id: number; locked: boolean; lockedAt: string | null },
    readRecord: (juryId: number) => Promise<LockedRecord | null> = fetchLockedRecord,
  ) {
    this.juryId = jury.id;
    this.readRecord = readRecord;
    if (jury.locked) this.info = { lockedAt: jury.lockedAt ?? '', sha256: null };
  }

  /** Reads the locked record for its date and SHA-256. */
  async refresh(): Promise<void> {
    try {
      const stored = await this.readRecord(this.juryId);
      if (stored) this.info = { lockedAt: stored.record.lockedAt, sha256: stored.sha256 };
      this.problem = null;
    } catch {
      this.problem = 'Empreinte du procès-verbal indisponible pour le moment.';
    }
  }

  /** The jury was locked at `lockedAt`; without the SHA-256, it is read from the record. */
  locked(lockedAt: string, sha256: string | null): void {
    this.info = { lockedAt, sha256: sha256 ?? this.info?.sha256 ?? null };
    if (sha256 === null) void this.refresh();
  }

  /** The sync endpoint refused a write because of the lock before its announcement came. */
  lockedUnannounced(): void {
    if (this.info !== null) return;
    this.info = { lockedAt: '', sha256: null };
    void this.refresh();
  }
}
