import { describe, expect, it } from 'vitest';
import type { FinalRecord } from '@delib/protocol';
import { DECISION_LABELS } from '@delib/rules';
import { signedSyntheticMinute } from './test-support/minute-fixtures.js';
import { verificationCode } from './minute-signature.js';
import { pdfPageTexts } from './test-support/pdf-text.js';
import { renderMinutePdf } from './render-minute-pdf.js';

describe('the text of the minute, as a PDF reader extracts it', () => {
  it('gives every candidate with their average, professional average and decision', async () => {
    const signed = signedSyntheticMinute(60);
    const record = JSON.parse(signed.canonical) as FinalRecord;
    const pages = await pdfPageTexts(await renderMinutePdf(signed));
    const text = pages.join('\n');

    // Rows come in the order of the record: each candidate's row runs from their number to
    // the next candidate's number.
    const starts = record.candidates.map((c) => text.indexOf(`${c.number} `));
    expect(starts.every((start) => start >= 0)).toBe(true);
    record.candidates.forEach((candidate, index) => {
      const row = text.slice(starts[index], starts[index + 1] ?? text.indexOf('Bilan'));
      expect(row).toContain(candidate.lastName.split(' ')[0] as string);
      expect(row).toContain(candidate.averageDisplay);
      // No professional average for an absent candidate (absent-candidate-has-no-professional-average.test.ts).
      if (candidate.decision !== 'absent') {
        expect(row).toContain(candidate.professionalAverageDisplay);
      }
      expect(row).toContain(DECISION_LABELS[candidate.decision]);
    });
  });

  it('prints origin codes, adjustments as before → after, the legend and non-Latin-1 names', async () => {
    const signed = signedSyntheticMinute(60);
    const text = (await pdfPageTexts(await renderMinutePdf(signed))).join('\n');
    for (const code of ['B2025', 'ABS', 'ABJ', ' D ', '10,5 → 11', 'C 13', '(C 8)']) {
      expect(text).toContain(code);
    }
    expect(text).toContain('ĐẶNG Thị Łucja');
    expect(text).toContain('Légende');
    expect(text).toContain('Bénéfice : note conservée');
    expect(text).toContain('Notes ajustées par le jury');
    expect(text).toContain('Harmonisation entre les commissions E42');
    expect(text).toContain('Épreuves de contrôle (second groupe)');
    expect(text).toContain('Décisions confirmées par la présidence, avec sa note');
    expect(text).toContain('Livret scolaire consulté avant le refus : progression régulière');
    expect(text).toContain('Candidats non délibérés');
    expect(text).toMatch(/Bilan : \d+ candidat·e·s délibéré·e·s : .* ; \d+ non délibéré·e·s\./);
    expect(text).toContain('Fait à Lyon, le 4 juin 2027.');
    expect(text).toContain('Signé électroniquement (Ed25519) le 4 juin 2027 à 18 h 32');
    expect(text).toContain('Arrêté rectoral DEC-2027-0412');
    expect(text).toContain('Sophie Lefebvre – Professionnel·le (salarié)');
  });

  it('carries the verification code and the page number on every page', async () => {
    const signed = signedSyntheticMinute(200);
    const pages = await pdfPageTexts(await renderMinutePdf(signed));
    const code = verificationCode(signed.signature.recordSha256);
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, index) => {
      expect(page).toContain(`code de vérification ${code}`);
      expect(page).toContain(`Page ${index + 1} / ${pages.length}`);
    });
  });
});
