import type { MemberCategory, Role, StoredEntry } from '@delib/protocol';
import { createUser } from '../auth/users.js';
import type { Db } from '../db/open-database.js';
import { DEMO_FIRST_NAMES, DEMO_LAST_NAMES, seededRandom } from './demo-people.js';

/**
 * A realistic demo session: BTS MCO 2027 in one centre, one jury (a president and four
 * members, teachers and professionals in equal numbers), three oral rooms and 24 candidates
 * whose written marks are already imported, with a bénéfice, dispenses and absences; three in
 * four consent to the publication of their name.
 */
export const DEMO_PASSWORD = 'demo-2027';

export interface DemoAccount {
  login: string;
  name: string;
  what: string;
}

interface DemoUser {
  login: string;
  name: string;
  role: Role;
  what: string;
}

const USERS: DemoUser[] = [
  { login: 'admin', name: 'Service des examens', role: 'admin', what: 'administration du centre' },
  { login: 'presidente', name: 'Claire Fontaine', role: 'president', what: 'présidente du jury' },
  {
    login: 'membre.martin',
    name: 'Paul Martin',
    role: 'member',
    what: 'membre du jury, enseignant',
  },
  { login: 'membre.roux', name: 'Nadia Roux', role: 'member', what: 'membre du jury, enseignante' },
  {
    login: 'membre.girard',
    name: 'Éric Girard',
    role: 'member',
    what: 'membre du jury, professionnel employeur',
  },
  {
    login: 'membre.lefebvre',
    name: 'Sophie Lefebvre',
    role: 'member',
    what: 'membre du jury, professionnelle salariée',
  },
  {
    login: 'e4.enseignante',
    name: 'Julie Bernard',
    role: 'examiner',
    what: 'examinatrice E41/E42 (salle B204)',
  },
  {
    login: 'e4.professionnel',
    name: 'Marc Dubois',
    role: 'examiner',
    what: 'examinateur E41/E42 (salle B204)',
  },
  {
    login: 'e22.anglais',
    name: 'Helen Carter',
    role: 'examiner',
    what: 'examinatrice E22 anglais (salle C101)',
  },
  {
    login: 'options',
    name: 'Lucas Moreau',
    role: 'examiner',
    what: 'examinateur des options EF1–EF3 (salle C102)',
  },
];

const MEMBERS: [string, MemberCategory, boolean][] = [
  ['presidente', 'enseignant', true],
  ['membre.martin', 'enseignant', false],
  ['membre.roux', 'enseignant', false],
  ['membre.girard', 'professionnel_employeur', false],
  ['membre.lefebvre', 'professionnel_salarie', false],
];

function halfPointMark(random: () => number, centre: number, spread: number): number {
  const raw = centre + (random() + random() + random() - 1.5) * spread;
  return Math.min(20, Math.max(0, Math.round(raw * 2) / 2));
}

const WRITTEN_UNITS = ['U1', 'U21', 'U3', 'U5', 'U6'];

function timeOfSlot(index: number, start: number, minutes: number): string {
  const total = start * 60 + index * minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export function isDatabaseEmpty(db: Db): boolean {
  return (db.prepare('SELECT COUNT(*) AS count FROM users').get() as { count: number }).count === 0;
}

export async function seedDemo(db: Db): Promise<DemoAccount[]> {
  const ids = new Map<string, string>();
  for (const user of USERS) {
    ids.set(user.login, await createUser(db, { ...user, password: DEMO_PASSWORD }));
  }
  const id = (login: string): string => ids.get(login) as string;

  db.transaction(() => {
    const { id: session } = db
      .prepare(
        `INSERT INTO exam_sessions (regulation_id, year, centre, academie, starts_on, ends_on)
         VALUES ('bts-mco-2018', 2027, 'Lycée Jean-Moulin, Lyon', 'Lyon', '2027-05-18', '2027-06-04')
         RETURNING id`,
      )
      .get() as { id: number };
    const { id: jury } = db
      .prepare(
        `INSERT INTO juries (exam_session_id, name, appointment_ref)
         VALUES (?, 'Jury 1 – BTS MCO', 'Arrêté rectoral DEC-2027-0412') RETURNING id`,
      )
      .get(session) as { id: number };
    const addMember = db.prepare(
      'INSERT INTO jury_members (jury_id, user_id, category, is_president) VALUES (?, ?, ?, ?)',
    );
    for (const [login, category, president] of MEMBERS)
      addMember.run(jury, id(login), category, president ? 1 : 0);

    const addCommission = db.prepare(
      'INSERT INTO commissions (jury_id, name, room, units) VALUES (?, ?, ?, ?) RETURNING id',
    );
    const addExaminer = db.prepare(
      'INSERT INTO commission_examiners (commission_id, user_id) VALUES (?, ?)',
    );
    const commissionId = (name: string, room: string, units: string[]): number =>
      (addCommission.get(jury, name, room, JSON.stringify(units)) as { id: number }).id;
    const e4 = commissionId('Commission E41/E42', 'Salle B204', ['U41', 'U42']);
    const e22 = commissionId('Commission E22 – anglais', 'Salle C101', ['U22']);
    const options = commissionId('Commission des options', 'Salle C102', ['UF1', 'UF2', 'UF3']);
    addExaminer.run(e4, id('e4.enseignante'));
    addExaminer.run(e4, id('e4.professionnel'));
    addExaminer.run(e22, id('e22.anglais'));
    addExaminer.run(options, id('options'));

    const addCandidate = db.prepare(
      `INSERT INTO candidates (exam_session_id, jury_id, number, last_name, first_name, birth_date, status, lv1, lv2, publication_consent)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'anglais', ?, ?) RETURNING id`,
    );
    const addEntry = db.prepare(
      'INSERT INTO candidate_entries (candidate_id, unit, entry) VALUES (?, ?, ?)',
    );
    const addOption = db.prepare(
      'INSERT INTO candidate_options (candidate_id, unit) VALUES (?, ?)',
    );
    const addPassage = db.prepare(
      'INSERT INTO passages (commission_id, candidate_id, position, scheduled_at) VALUES (?, ?, ?, ?)',
    );
    const random = seededRandom(2027);
    const statuses = ['scolaire', 'scolaire', 'apprenti', 'formation continue', 'individuel'];
    const optionsOf: Record<number, string[]> = {
      1: ['UF1'],
      4: ['UF1', 'UF3'],
      7: ['UF2'],
      10: ['UF1'],
      15: ['UF3'],
      19: ['UF2'],
    };
    const lv2Of: Record<number, string> = { 1: 'espagnol', 4: 'allemand', 10: 'italien' };
    const positions = { e4: 0, e22: 0, options: 0 };

    for (let index = 0; index < 24; index++) {
      const number = `0270${String(index + 1).padStart(4, '0')}`;
      const birthYear = 2005 + (index % 3);
      const { id: candidate } = addCandidate.get(
        session,
        jury,
        number,
        (DEMO_LAST_NAMES[index] as string).toUpperCase(),
        DEMO_FIRST_NAMES[index] as string,
        `${birthYear}-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`,
        statuses[index % statuses.length] as string,
        lv2Of[index] ?? null,
        // Most candidates consent to their name on the list of admitted candidates; one in
        // four does not, and is published by number only.
        index % 4 === 3 ? 0 : 1,
      ) as { id: number };

      const level = 7 + random() * 8;
      const entries: Record<string, StoredEntry> = {};
      for (const unit of WRITTEN_UNITS) entries[unit] = { mark: halfPointMark(random, level, 6) };
      // The mix of situations a jury meets.
      if (index === 2) entries.U1 = { kept: { mark: 12.5, session: 2024 } }; // bénéfice
      if (index === 5) {
        entries.U1 = { exempt: true }; // holder of another diploma
        entries.U3 = { exempt: true };
      }
      if (index === 8) entries.U5 = { absent: 'unjustified' };
      if (index === 13) entries.U6 = { absent: 'justified' };
      if (index === 17) entries.U22 = { kept: { mark: 14, session: 2025 } };
      for (const [unit, entry] of Object.entries(entries))
        addEntry.run(candidate, unit, JSON.stringify(entry));
      for (const unit of optionsOf[index] ?? []) addOption.run(candidate, unit);

      addPassage.run(e4, candidate, ++positions.e4, timeOfSlot(positions.e4 - 1, 8, 25));
      if (!entries.U22)
        addPassage.run(e22, candidate, ++positions.e22, timeOfSlot(positions.e22 - 1, 8, 20));
      if (optionsOf[index])
        addPassage.run(
          options,
          candidate,
          ++positions.options,
          timeOfSlot(positions.options - 1, 9, 40),
        );
    }
  })();

  return USERS.map(({ login, name, what }) => ({ login, name, what }));
}
