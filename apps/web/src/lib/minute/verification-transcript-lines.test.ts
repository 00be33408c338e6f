import { describe, expect, it } from 'vitest';
import type { UnitLine } from '@delib/rules';
import {
  rectificationText,
  TRANSCRIPT_CODES,
  transcriptLineCells,
} from './verification-transcript-lines';

/** A line of a signed record, as computeResult writes it. */
function line(fields: Partial<UnitLine> & Pick<UnitLine, 'unit' | 'entry'>): UnitLine {
  return {
    optional: false,
    coefficient: 3,
    code: null,
    adjustment: null,
    control: null,
    mark: null,
    counted: false,
    points: 0,
    ...fields,
  };
}

/**
 * The verification by code shows a relevé's units as the paper relevé prints them: the entry
 * with its origin (ABS, ABJ, D, B + year), the jury's adjustment, and the mark retained, so
 * that someone holding only the paper can match it.
 */
describe('transcriptLineCells', () => {
  const cells = (l: UnitLine) => {
    const { origin, retained } = transcriptLineCells(l);
    return [origin, retained];
  };

  it('shows a mark of the session as it is', () => {
    expect(cells(line({ unit: 'U1', entry: { mark: 12.5 }, mark: 12.5, counted: true }))).toEqual([
      '12,5',
      '12,5',
    ]);
  });

  it('shows an absence as ABS or ABJ, not as a mark of 0', () => {
    const abs = line({
      unit: 'U41',
      entry: { absent: 'unjustified' },
      code: 'ABS',
      mark: 0,
      counted: true,
    });
    const abj = line({
      unit: 'U6',
      entry: { absent: 'justified' },
      code: 'ABJ',
      mark: 0,
      counted: true,
    });
    expect(cells(abs)).toEqual(['ABS', '0']);
    expect(cells(abj)).toEqual(['ABJ', '0']);
  });

  it('shows a dispensed unit as D, not only as « — »', () => {
    expect(cells(line({ unit: 'U3', entry: { exempt: true }, code: 'D' }))).toEqual(['D', '—']);
  });

  it('shows a bénéfice with its year', () => {
    const kept = line({
      unit: 'U1',
      entry: { kept: { mark: 12.5, session: 2024 } },
      code: 'B2024',
      mark: 12.5,
      counted: true,
    });
    expect(cells(kept)).toEqual(['12,5 B2024', '12,5']);
  });

  it('shows an optional unit’s absence as ABJ, and one not taken as « non présentée »', () => {
    const optional = { optional: true, coefficient: null };
    expect(
      cells(line({ ...optional, unit: 'UF1', entry: { absent: 'justified' }, code: 'ABJ' })),
    ).toEqual(['ABJ', '—']);
    expect(cells(line({ ...optional, unit: 'UF2', entry: null }))).toEqual(['non présentée', '—']);
  });

  it('shows the jury’s adjustment as examiner’s mark → adjusted mark', () => {
    const adjusted = line({
      unit: 'U42',
      entry: { mark: 9 },
      adjustment: { from: 9, to: 10, reason: 'Harmonisation' },
      mark: 10,
      counted: true,
    });
    expect(cells(adjusted)).toEqual(['9 → 10', '10']);
  });

  it('uses the rules’ code when a record carries none', () => {
    expect(cells(line({ unit: 'U5', entry: { absent: 'unjustified' }, mark: 0 }))).toEqual([
      'ABS',
      '0',
    ]);
  });

  it('explains every code the relevé prints', () => {
    expect(TRANSCRIPT_CODES.map((c) => c.code)).toEqual([
      'B + année',
      'D',
      'ABS',
      'ABJ',
      'a → b',
      '—',
      'non présentée',
    ]);
  });
});

describe('rectificationText', () => {
  it('says a rectified relevé’s correction as the relevé prints it', () => {
    expect(
      rectificationText({
        candidateId: 10,
        number: '02700010',
        name: 'KONÉ Mamadou',
        unit: 'U41',
        input: 'entry',
        before: { absent: 'unjustified' },
        after: { absent: 'justified' },
        beforeText: 'ABS',
        afterText: 'ABJ',
        reason: 'Certificat reçu',
        author: 'Claire Fontaine',
        createdAt: '2027-06-05T10:00:00.000Z',
        decision: { before: 'absent', after: 'admis' },
      }),
    ).toBe(
      'U41 : ABS → ABJ, décision Absent → Admis. Motif : Certificat reçu. Rectifié le 5 juin 2027 à 12 h 00 par Claire Fontaine.',
    );
  });

  it('names a contrôle mark as the relevé does', () => {
    expect(
      rectificationText({
        candidateId: 14,
        number: '02700014',
        name: 'MEYER Louis',
        unit: 'U1',
        input: 'control',
        before: null,
        after: { mark: 16 },
        beforeText: '—',
        afterText: '16',
        reason: 'Épreuve de contrôle',
        author: 'Claire Fontaine',
        createdAt: '2027-06-05T10:00:00.000Z',
        decision: { before: 'controle', after: 'admis' },
      }),
    ).toMatch(/^U1 \(épreuve de contrôle\) : — → 16, décision /);
  });
});
