import { describe, expect, it } from 'vitest';
import { juryParity } from './jury-parity.js';

describe('jury parity', () => {
  it('leaves the president out: the demo jury (teacher president, 2 + 2) is balanced', () => {
    const parity = juryParity([
      { category: 'enseignant', president: true },
      { category: 'enseignant', president: false },
      { category: 'enseignant', president: false },
      { category: 'professionnel_employeur', president: false },
      { category: 'professionnel_salarie', president: false },
    ]);
    expect(parity).toEqual({ teachers: 2, professionals: 2, warning: null });
  });

  it('counts only members present, and warns in French when unbalanced', () => {
    const parity = juryParity([
      { category: 'enseignant', president: false },
      { category: 'enseignant', president: false },
      { category: 'professionnel_salarie', president: false, present: false },
      { category: 'professionnel_salarie', president: false },
    ]);
    expect(parity.teachers).toBe(2);
    expect(parity.professionals).toBe(1);
    expect(parity.warning).toMatch(
      /^Parité non respectée : 2 enseignant·es pour 1 professionnel·le/,
    );
  });

  it('states the rule and where it is written, without citing a court case', () => {
    const { warning } = juryParity([
      { category: 'enseignant', president: false },
      { category: 'professionnel_salarie', president: false, present: false },
    ]);
    expect(warning).toContain('Code de l’éducation (article D643-31)');
    expect(warning).toContain('des enseignants et des professionnels en nombre égal');
    expect(warning).not.toMatch(/annul|\b(19|20)\d\d\b/);
  });

  it('ignores categories not chosen yet, and says when nobody but the president sits', () => {
    expect(juryParity([{ category: '', president: false }]).warning).toMatch(/Aucun membre/);
  });
});
