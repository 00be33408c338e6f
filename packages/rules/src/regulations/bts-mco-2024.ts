import { deepFreeze } from '../deep-freeze.js';
import type { Regulation, RegulationSettings, UnitDefinition } from '../regulation.js';
import { BTS_MCO, BTS_MCO_SETTINGS } from './bts-mco.js';
import { BTS_MCO_EXAMPLE_GRIDS } from './bts-mco-example-grids.js';

/**
 * The 2024 numbering of the épreuves, E1–E8, and of their units, U1–U8 (a unit takes its
 * épreuve's number, as in every BTS referential): the same épreuves, coefficients and settings
 * as `BTS_MCO`, under new codes. Three codes exist in both numberings with another meaning
 * (U3, U5, U6): a bénéfice obtained under the 2018 numbering is carried over through the table
 * `bts-mco-2018-to-2024.json` (see `carry-kept-marks.ts`), never read as a 2024 code.
 */
const UNITS_2024: Readonly<Record<string, { code: string; epreuve: string }>> = {
  U1: { code: 'U1', epreuve: 'E1' },
  U21: { code: 'U2', epreuve: 'E2' },
  U22: { code: 'U3', epreuve: 'E3' },
  U3: { code: 'U4', epreuve: 'E4' },
  U41: { code: 'U5', epreuve: 'E5' },
  U42: { code: 'U6', epreuve: 'E6' },
  U5: { code: 'U7', epreuve: 'E7' },
  U6: { code: 'U8', epreuve: 'E8' },
  UF1: { code: 'UF1', epreuve: 'EF1' },
  UF2: { code: 'UF2', epreuve: 'EF2' },
  UF3: { code: 'UF3', epreuve: 'EF3' },
};

function renumber(unit: UnitDefinition): UnitDefinition {
  const renumbered = UNITS_2024[unit.code];
  if (renumbered === undefined) throw new Error(`Épreuve 2024 inconnue pour ${unit.code}`);
  return { ...unit, ...renumbered };
}

function renumberedCode(code: string): string {
  const renumbered = UNITS_2024[code];
  if (renumbered === undefined) throw new Error(`Épreuve 2024 inconnue pour ${code}`);
  return renumbered.code;
}

const SETTINGS_2024: RegulationSettings = {
  ...BTS_MCO_SETTINGS,
  control: {
    ...BTS_MCO_SETTINGS.control,
    choices: { U1: ['U1'], LV1: ['U2', 'U3'], U4: ['U4'] },
  },
};

/** BTS Management commercial opérationnel, 2024 numbering of the épreuves and units. */
export const BTS_MCO_2024: Regulation = deepFreeze({
  id: 'bts-mco-2024',
  label: 'BTS Management commercial opérationnel (numérotation 2024, E1–E8)',
  specialty: 'MCO',
  reference: 'Arrêté de 2024 (renumérotation des épreuves E1 à E8) ; arrêté du 15 octobre 2018',
  units: BTS_MCO.units.map(renumber),
  settings: SETTINGS_2024,
  // The example grids, under the units' 2024 codes.
  grids: BTS_MCO_EXAMPLE_GRIDS.map((grid) => ({ ...grid, unit: renumberedCode(grid.unit) })),
});
