/** The people of the demo session, shared by the seed and the minute's test fixtures. */

export const DEMO_LAST_NAMES: readonly string[] = [
  'Arnaud',
  'Benoit',
  'Carpentier',
  'Da Silva',
  'Deschamps',
  'Faure',
  'Garnier',
  'Haddad',
  'Joly',
  'Koné',
  'Lambert',
  'Leroy',
  'Marchand',
  'Meyer',
  'Nguyen',
  'Olivier',
  'Perrin',
  'Renard',
  'Schmitt',
  'Traoré',
  'Vidal',
  'Weber',
  'Yilmaz',
  'Zimmermann',
];

export const DEMO_FIRST_NAMES: readonly string[] = [
  'Léa',
  'Hugo',
  'Chloé',
  'Lucas',
  'Inès',
  'Nathan',
  'Manon',
  'Yanis',
  'Camille',
  'Mamadou',
  'Emma',
  'Théo',
  'Sarah',
  'Louis',
  'Linh',
  'Jade',
  'Tom',
  'Zoé',
  'Maxime',
  'Aïssata',
  'Enzo',
  'Clara',
  'Elif',
  'Noah',
];

/** A small deterministic generator, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
