import { describe, expect, it } from 'vitest';
import { formatParisDateTime } from '@delib/protocol';
import { lockedLabel } from '../board/board-lock.svelte';
import { passageTime } from '../commission/passage-time';
import { historyTime } from '../deliberation/candidate-history';
import { frenchDateTime } from './date-time';

/**
 * One French time format on every page, the PDFs' own (`formatParisDateTime` of
 * @delib/protocol): `3 h 03`, never `03:03`, whatever the browser's locale data.
 */
describe('times on the pages', () => {
  const at = '2027-06-12T01:03:07.000Z';

  it('are written by the formatter of the PV and the relevés', () => {
    expect(frenchDateTime(at)).toBe(formatParisDateTime(at));
    expect(frenchDateTime(at)).toBe('12 juin 2027 à 3 h 03');
    expect(lockedLabel({ lockedAt: at, sha256: null })).toBe(
      `Délibération verrouillée le ${formatParisDateTime(at)}`,
    );
    expect(historyTime(at)).toBe(`${formatParisDateTime(at)} min 07 s`);
    expect(passageTime('03:03')).toBe('3 h 03');
  });

  it('never in the « 03:03 » form', () => {
    for (const text of [
      frenchDateTime(at),
      lockedLabel({ lockedAt: at, sha256: null }),
      historyTime(at),
      passageTime('08:30'),
    ]) {
      expect(text).not.toMatch(/\d:\d/);
    }
  });
});
