import { BTS_MCO, harmonise, markStatistics } from '@delib/rules';
import { describe, expect, it } from 'vitest';
import {
  alertSentence,
  alertsOf,
  distributionText,
  formatDifference,
  formatGap,
  unitTitle,
} from './harmonisation-text';

describe('harmonisation words', () => {
  it('signs a difference with a true minus sign, truncated', () => {
    expect(formatDifference({ numerator: -77, denominator: 32 })).toBe('−2,40');
    expect(formatDifference({ numerator: 77, denominator: 32 })).toBe('+2,40');
    expect(formatDifference({ numerator: 0, denominator: 1 })).toBe('0,00');
    expect(formatDifference(null)).toBe('—');
  });

  it('writes gaps as typed', () => {
    expect(formatGap(200)).toBe('2');
    expect(formatGap(150)).toBe('1,5');
    expect(formatGap(75)).toBe('0,75');
  });

  it('describes a distribution band by band for screen readers', () => {
    expect(distributionText(markStatistics([700, 750, 1200, 2000]))).toBe(
      '4 notes, moyenne 11,62, de 7,00 à 20,00 : 2 notes de 6 à 8, 1 note de 12 à 14, 1 note de 18 à 20.',
    );
    expect(distributionText(markStatistics([]))).toBe('Aucune note.');
  });

  it('names the unit by its épreuve', () => {
    expect(unitTitle(BTS_MCO, 'U41')).toMatch(/^E41 – .+ \(U41\)$/);
    expect(unitTitle(BTS_MCO, 'ZZ9')).toBe('ZZ9');
  });

  it('says which side of the cohort a room is, by how much, on how many marks', () => {
    const marks = [
      ...[1300, 1300, 1300, 1300, 1300, 1300, 1300, 1300].map((hundredths) => ({
        unit: 'U41',
        commissionId: 1,
        writerId: 'a',
        hundredths,
      })),
      ...[700, 700, 700, 700, 700, 700, 700, 700].map((hundredths) => ({
        unit: 'U41',
        commissionId: 2,
        writerId: 'b',
        hundredths,
      })),
    ];
    const report = harmonise(marks, { alertGapHundredths: 200 });
    const alerts = alertsOf(report);
    expect(alerts.map((alert) => alert.commission.id)).toEqual([1, 2]);
    const [, severe] = alerts;
    expect(
      alertSentence(
        severe?.commission as never,
        report[0]?.cohort as never,
        'Salle B210',
        'U41',
        200,
      ),
    ).toBe(
      'Salle B210 (U41) : moyenne 7,00 sur 8 notes, 3,00 points sous la cohorte (10,00) ; l’écart dépasse 2 points.',
    );
  });
});
