import type { LockedRecord } from '@delib/protocol';
import { describe, expect, it } from 'vitest';
import { BoardLock, lockedLabel } from './board-lock.svelte';

const RECORD = { sha256: 'ab'.repeat(32), record: { lockedAt: '2027-06-12T12:03:00.000Z' } };
const stored = async () => RECORD as unknown as LockedRecord;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('lockedLabel', () => {
  it('dates the lock in Paris time, or says it without a date', () => {
    expect(lockedLabel(null)).toBeNull();
    expect(lockedLabel({ lockedAt: '2027-06-12T12:03:00.000Z', sha256: null })).toBe(
      'Délibération verrouillée le 12 juin 2027 à 14 h 03',
    );
    expect(lockedLabel({ lockedAt: '', sha256: null })).toBe('Délibération verrouillée');
  });
});

describe('BoardLock', () => {
  it('knows nothing of a lock on an open jury', () => {
    const lock = new BoardLock({ id: 1, locked: false, lockedAt: null }, stored);
    expect(lock.info).toBeNull();
    expect(lock.label).toBeNull();
  });

  it('opens on a locked jury with its date, then reads the SHA-256 from the record', async () => {
    const lock = new BoardLock(
      { id: 1, locked: true, lockedAt: '2027-06-12T12:03:00.000Z' },
      stored,
    );
    expect(lock.info).toEqual({ lockedAt: '2027-06-12T12:03:00.000Z', sha256: null });
    await lock.refresh();
    expect(lock.info?.sha256).toBe(RECORD.sha256);
  });

  it('keeps the SHA-256 the lock dialog received, without reading the record', async () => {
    let reads = 0;
    const lock = new BoardLock({ id: 1, locked: false, lockedAt: null }, async () => {
      reads += 1;
      return null;
    });
    lock.locked('2027-06-12T12:03:00.000Z', 'cd'.repeat(32));
    await settle();
    expect(reads).toBe(0);
    expect(lock.info).toEqual({ lockedAt: '2027-06-12T12:03:00.000Z', sha256: 'cd'.repeat(32) });
  });

  it('reads the record when the server announces the lock without its SHA-256', async () => {
    const lock = new BoardLock({ id: 1, locked: false, lockedAt: null }, stored);
    lock.locked('2027-06-12T12:03:00.000Z', null);
    expect(lock.label).toBe('Délibération verrouillée le 12 juin 2027 à 14 h 03');
    await settle();
    expect(lock.info?.sha256).toBe(RECORD.sha256);
  });

  it('locks once when the sync endpoint refused a write before the announcement', async () => {
    let reads = 0;
    const lock = new BoardLock({ id: 1, locked: false, lockedAt: null }, async () => {
      reads += 1;
      return RECORD as unknown as LockedRecord;
    });
    lock.lockedUnannounced();
    expect(lock.label).toBe('Délibération verrouillée');
    lock.lockedUnannounced();
    await settle();
    expect(reads).toBe(1);
    expect(lock.info?.lockedAt).toBe(RECORD.record.lockedAt);
  });

  it('says when the record cannot be read', async () => {
    const lock = new BoardLock({ id: 1, locked: true, lockedAt: null }, async () => {
      throw new Error('réseau');
    });
    await lock.refresh();
    expect(lock.problem).toBe('Empreinte du procès-verbal indisponible pour le moment.');
    expect(lock.label).toBe('Délibération verrouillée');
  });
});
