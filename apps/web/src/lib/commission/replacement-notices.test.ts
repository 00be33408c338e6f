import { describe, expect, it, vi } from 'vitest';
import type { CellReplacement } from './cell-replacements';
import { ReplacementNotices } from './replacement-notices.svelte';

const REPLACEMENT: CellReplacement = {
  cell: { candidateId: 4, unit: 'U41' },
  before: { mark: 9 },
  after: { mark: 14 },
  beforeClient: 50,
  afterClient: 90,
};

describe('ReplacementNotices', () => {
  it('asks the server who wrote under a new client id, once, and lists the notice', async () => {
    const fetchWriters = vi.fn(async () => ({
      writers: [
        { client: 50, name: 'Julie Bernard', own: true },
        { client: 90, name: 'Sophie Lefebvre', own: false },
      ],
    }));
    const notices = new ReplacementNotices(fetchWriters);
    await notices.report(
      REPLACEMENT,
      new Set([50]),
      '02700004 – DA SILVA Lucas',
      'mark-02700004-U41',
    );
    await notices.report(
      REPLACEMENT,
      new Set([50]),
      '02700004 – DA SILVA Lucas',
      'mark-02700004-U41',
    );
    expect(fetchWriters).toHaveBeenCalledTimes(1);
    expect(notices.lines.map((line) => line.text)).toEqual([
      'Sophie Lefebvre a remplacé votre note 9 par 14 (U41, 02700004 – DA SILVA Lucas)',
      'Sophie Lefebvre a remplacé votre note 9 par 14 (U41, 02700004 – DA SILVA Lucas)',
    ]);
    notices.dismiss(notices.lines[0]?.id as number);
    expect(notices.lines).toHaveLength(1);
  });

  it('still tells, without a name, when the server cannot be asked', async () => {
    const notices = new ReplacementNotices(async () => {
      throw new Error('hors ligne');
    });
    await notices.report(REPLACEMENT, new Set([50]), '02700004', 'mark-02700004-U41');
    expect(notices.lines.map((line) => line.text)).toEqual([
      'Un autre examinateur a remplacé votre note 9 par 14 (U41, 02700004)',
    ]);
  });

  it('stays silent when the value replaced was not this examiner’s', async () => {
    const notices = new ReplacementNotices(async () => ({
      writers: [{ client: 50, name: 'Julie Bernard', own: false }],
    }));
    await notices.report(REPLACEMENT, new Set([7]), '02700004', 'mark-02700004-U41');
    expect(notices.lines).toEqual([]);
  });
});
