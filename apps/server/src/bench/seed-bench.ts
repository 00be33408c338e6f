import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/open-database.js';

export interface BenchCommission {
  id: number;
  examiners: string[];
  candidates: number[];
}

export interface BenchLayout {
  juries: {
    id: number;
    president: string;
    /** Logins of the jury's members besides the president (`members` option). */
    members: string[];
    commissions: BenchCommission[];
  }[];
  /** A room of jury 1 with one examiner and nobody else watching (`floodRoom` option). */
  flood?: BenchCommission;
}

export interface BenchExtras {
  /** Adds the flood room to jury 1. */
  floodRoom?: boolean;
  /** Members (besides the president) in each jury, alternately teachers and professionals. */
  members?: number;
}

export const BENCH_PASSWORD = 'bench-password';

/**
 * A synthetic centre for the sync benchmark: `juries` juries, each with rooms of two
 * examiners (`examinersPerJury` in all) hearing U41/U42 of the jury's 24 candidates.
 */
export async function seedBench(
  db: Db,
  juries: number,
  examinersPerJury: number,
  extras: BenchExtras = {},
): Promise<BenchLayout> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const layout: BenchLayout = { juries: [] };
  const addUser = db.prepare(
    'INSERT INTO users (id, login, display_name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, 0)',
  );
  db.transaction(() => {
    const { id: session } = db
      .prepare(
        "INSERT INTO exam_sessions (regulation_id, year, centre, academie) VALUES ('bts-mco-2018', 2027, 'Banc', 'Banc') RETURNING id",
      )
      .get() as { id: number };
    for (let j = 1; j <= juries; j++) {
      const { id: jury } = db
        .prepare('INSERT INTO juries (exam_session_id, name) VALUES (?, ?) RETURNING id')
        .get(session, `Jury ${j}`) as { id: number };
      const president = `president.${j}`;
      const presidentId = randomUUID();
      addUser.run(presidentId, president, `Président ${j}`, passwordHash, 'president');
      db.prepare(
        "INSERT INTO jury_members (jury_id, user_id, category, is_president) VALUES (?, ?, 'enseignant', 1)",
      ).run(jury, presidentId);
      const candidates: number[] = [];
      for (let c = 1; c <= 24; c++) {
        const candidate = db
          .prepare(
            "INSERT INTO candidates (exam_session_id, jury_id, number, last_name, first_name) VALUES (?, ?, ?, 'BANC', 'Candidat') RETURNING id",
          )
          .get(session, jury, `B${j}-${c}`) as { id: number };
        candidates.push(candidate.id);
      }
      const members: string[] = [];
      for (let m = 1; m <= (extras.members ?? 0); m++) {
        const login = `membre.${j}.${m}`;
        const id = randomUUID();
        addUser.run(id, login, `Membre ${j}.${m}`, passwordHash, 'member');
        db.prepare(
          'INSERT INTO jury_members (jury_id, user_id, category, is_president) VALUES (?, ?, ?, 0)',
        ).run(jury, id, m % 2 === 0 ? 'enseignant' : 'professionnel_salarie');
        members.push(login);
      }
      const commissions: BenchCommission[] = [];
      for (let e = 0; e < examinersPerJury; e += 2) {
        const { id: commission } = db
          .prepare(
            'INSERT INTO commissions (jury_id, name, room, units) VALUES (?, ?, ?, \'["U41","U42"]\') RETURNING id',
          )
          .get(jury, `Salle ${e / 2 + 1}`, `R${e / 2 + 1}`) as { id: number };
        const examiners: string[] = [];
        for (let k = e; k < Math.min(e + 2, examinersPerJury); k++) {
          const login = `examinateur.${j}.${k + 1}`;
          const id = randomUUID();
          addUser.run(id, login, `Examinateur ${j}.${k + 1}`, passwordHash, 'examiner');
          db.prepare('INSERT INTO commission_examiners (commission_id, user_id) VALUES (?, ?)').run(
            commission,
            id,
          );
          examiners.push(login);
        }
        candidates.forEach((candidate, index) =>
          db
            .prepare(
              'INSERT INTO passages (commission_id, candidate_id, position) VALUES (?, ?, ?)',
            )
            .run(commission, candidate, index + 1),
        );
        commissions.push({ id: commission, examiners, candidates });
      }
      if (extras.floodRoom && j === 1) {
        const { id: commission } = db
          .prepare(
            "INSERT INTO commissions (jury_id, name, room, units) VALUES (?, 'Salle inondée', 'RF', '[\"U41\",\"U42\"]') RETURNING id",
          )
          .get(jury) as { id: number };
        const id = randomUUID();
        addUser.run(id, 'examinateur.flood', 'Examinateur inondant', passwordHash, 'examiner');
        db.prepare('INSERT INTO commission_examiners (commission_id, user_id) VALUES (?, ?)').run(
          commission,
          id,
        );
        candidates.forEach((candidate, index) =>
          db
            .prepare(
              'INSERT INTO passages (commission_id, candidate_id, position) VALUES (?, ?, ?)',
            )
            .run(commission, candidate, index + 1),
        );
        layout.flood = { id: commission, examiners: ['examinateur.flood'], candidates };
      }
      layout.juries.push({ id: jury, president, members, commissions });
    }
  })();
  return layout;
}
