import { BTS_MCO } from '@delib/rules';

/**
 * A small specialty that Délib does not ship, as a centre would write it: units G1 (written,
 * general, coefficient 2), P1 (oral, professional, 3), P2 (written, professional, 1) and one
 * optional oral unit. Plain JSON, as uploaded.
 */
export function testRegulation(id = 'bts-essai-2027'): Record<string, unknown> {
  return {
    id,
    label: 'BTS Essai des spécialités',
    specialty: 'ESSAI',
    reference: 'Arrêté fictif pour les tests',
    units: [
      unit('G1', 'E1', 'Culture générale', 'written', 2, 'general', true),
      unit('P1', 'E2', 'Projet professionnel', 'oral', 3, 'professional', false),
      unit('P2', 'E3', 'Étude de cas', 'written', 1, 'professional', false),
      {
        code: 'UF1',
        epreuve: 'EF1',
        label: 'Langue vivante 2',
        form: 'oral',
        optional: true,
        coefficient: null,
        domain: null,
        exemptable: false,
      },
    ],
    settings: {
      ...BTS_MCO.settings,
      maxOptionalUnits: 1,
      control: { ...BTS_MCO.settings.control, maxChoices: 1, choices: { G1: ['G1'] } },
    },
  };
}

function unit(
  code: string,
  epreuve: string,
  label: string,
  form: 'oral' | 'written',
  coefficient: number,
  domain: 'general' | 'professional',
  exemptable: boolean,
) {
  return { code, epreuve, label, form, optional: false, coefficient, domain, exemptable };
}
