import { deepFreeze } from '../deep-freeze.js';
import type { Regulation, UnitDefinition } from '../regulation.js';
import { BTS_MCO, BTS_MCO_SETTINGS } from './bts-mco.js';
import { BTS_MCO_EXAMPLE_GRIDS } from './bts-mco-example-grids.js';

/**
 * The 2024 numbering of the épreuves: the same units, coefficients and settings as `BTS_MCO`,
 * under new épreuve numbers. Unit codes (the keys of every entry, document and import) are
 * unchanged, so a candidate's entries mean the same under both regulations.
 */
const EPREUVES_2024: Readonly<Record<string, string>> = {
  U1: 'E1',
  U21: 'E2',
  U22: 'E3',
  U3: 'E4',
  U41: 'E5',
  U42: 'E6',
  U5: 'E7',
  U6: 'E8',
  UF1: 'EF1',
  UF2: 'EF2',
  UF3: 'EF3',
};

function renumber(unit: UnitDefinition): UnitDefinition {
  const epreuve = EPREUVES_2024[unit.code];
  if (epreuve === undefined) throw new Error(`Épreuve 2024 inconnue pour ${unit.code}`);
  return { ...unit, epreuve };
}

/** BTS Management commercial opérationnel, 2024 numbering of the épreuves. */
export const BTS_MCO_2024: Regulation = deepFreeze({
  id: 'bts-mco-2024',
  label: 'BTS Management commercial opérationnel',
  specialty: 'MCO',
  reference: 'Arrêté de 2024 (renumérotation des épreuves) ; arrêté du 15 octobre 2018',
  units: BTS_MCO.units.map(renumber),
  settings: BTS_MCO_SETTINGS,
  grids: BTS_MCO_EXAMPLE_GRIDS,
});
