import { commissionDocumentName } from '@delib/protocol';
import type {
  ImportProblem,
  LeavingEntry,
  PassageChange,
  ScheduleChanges,
  SessionUser,
  StoredEntry,
} from '@delib/protocol';
import { optionalUnits } from '@delib/rules';
import type { AuditEvent, AuditTrail } from '../audit/audit-trail.js';
import type { Db } from '../db/open-database.js';
import { confirmationOf, leavingRoomEntry, roomEntriesOf } from '../juries/leaving-entries.js';
import type { RoomEntry } from '../juries/leaving-entries.js';
import type { PassageEffects } from '../juries/passage-effects.js';
import { foldText } from './csv/match-columns.js';
import type { PassageInput } from './csv/schedule-rows.js';
import type { ExamSessionContext } from '../exam-sessions/exam-sessions.js';
import { problem, sortProblems } from './import-problem.js';
import { sessionCandidates } from './session-candidates.js';
import type { SessionCandidate } from './session-candidates.js';

/**
 * The schedule of the oral rooms: which candidate passes in which commission, in which order
 * and at what time. The input (a CSV file or a JSON list) is the complete schedule of every
 * commission it names: a passage of those commissions that the input no longer lists is
 * removed (the preview shows it). A candidate without a jury joins the commission's jury.
 *
 * Checked against the final state: each passage must hear at least one unit the candidate
 * takes (optional units only if registered; bénéfices and dispenses are not heard again),
 * and no unit may be heard in two rooms for one candidate.
 *
 * A removed passage takes the examiners' entries of that room off the board. They are never
 * deleted: the preview names each one (`leaving`) and the schedule is written only with the
 * `confirmation` token of exactly that list. The audit trail records them leaving
 * (`retrait-passage`) and coming back with their passage (`retour-passage`).
 */

export interface SessionCommission {
  id: number;
  juryId: number;
  name: string;
  room: string;
  units: string[];
  locked: boolean;
  generation: number;
}

interface StoredPassage {
  commissionId: number;
  candidateId: number;
  position: number;
  time: string | null;
}

interface PlannedPassage {
  commission: SessionCommission;
  candidate: SessionCandidate;
  position: number;
  time: string | null;
}

export function sessionCommissions(db: Db, sessionId: number): SessionCommission[] {
  return (
    db
      .prepare(
        `SELECT c.id, c.jury_id AS "juryId", c.name, c.room, c.units, c.generation,
                j.locked_at AS "lockedAt"
         FROM commissions c JOIN juries j ON j.id = c.jury_id
         WHERE j.exam_session_id = ? ORDER BY c.id`,
      )
      .all(sessionId) as (Omit<SessionCommission, 'units' | 'locked'> & {
      units: string;
      lockedAt: string | null;
    })[]
  ).map(({ units, lockedAt, ...commission }) => ({
    ...commission,
    units: JSON.parse(units) as string[],
    locked: lockedAt !== null,
  }));
}

/** Finds a commission by id, name or room (`Salle B204`, `salle b204`, `B204`). */
export function resolveCommission(
  commissions: SessionCommission[],
  reference: string,
): { commission: SessionCommission } | { problem: 'unknown' | 'ambiguous' } {
  const wanted = foldText(reference).replace(/^salle /, '');
  const found = commissions.filter(
    (commission) =>
      String(commission.id) === reference.trim() ||
      foldText(commission.name) === foldText(reference) ||
      foldText(commission.room).replace(/^salle /, '') === wanted,
  );
  const [only] = found;
  if (found.length === 1 && only) return { commission: only };
  return { problem: found.length === 0 ? 'unknown' : 'ambiguous' };
}

/** The units a commission hears for one candidate (see units-heard.ts, the same rule). */
export function unitsHeardBy(
  commissionUnits: readonly string[],
  optional: ReadonlySet<string>,
  options: readonly string[],
  entries: Record<string, StoredEntry>,
): string[] {
  return commissionUnits.filter((unit) => {
    if (optional.has(unit)) return options.includes(unit);
    const entry = entries[unit];
    return !entry || !('kept' in entry || 'exempt' in entry);
  });
}

function commissionLabel(commission: SessionCommission): string {
  return `${commission.name} (${commission.room})`;
}

export function planSchedule(
  db: Db,
  session: ExamSessionContext,
  inputs: PassageInput[],
  onlyCommission: SessionCommission | null,
): {
  problems: ImportProblem[];
  changes: ScheduleChanges;
  planned: PlannedPassage[];
  /** The stored passages the input removes, and those it adds. */
  removedPassages: PassageOf[];
  createdPassages: PassageOf[];
} {
  const commissions = sessionCommissions(db, session.id);
  const candidates = sessionCandidates(db, session.id);
  const byId = new Map([...candidates.values()].map((candidate) => [candidate.id, candidate]));
  const optional = new Set(optionalUnits(session.regulation).map((unit) => unit.code));
  const problems: ImportProblem[] = [];
  const planned: (PlannedPassage & { line: number; input: PassageInput })[] = [];
  const seenPassage = new Map<string, number>();
  const seenPosition = new Map<string, number>();
  const named = new Map<number, SessionCommission>();
  if (onlyCommission) named.set(onlyCommission.id, onlyCommission);

  for (const input of inputs) {
    const before = problems.length;
    const { line, columns } = input;
    const candidate = candidates.get(input.number);
    if (!candidate) {
      problems.push(
        problem(
          line,
          columns.number,
          'UNKNOWN_CANDIDATE',
          `Aucun candidat n° ${input.number} dans cette session.`,
        ),
      );
    }
    let commission: SessionCommission | null = onlyCommission;
    if (!commission) {
      const resolved = resolveCommission(commissions, input.commission);
      if ('commission' in resolved) commission = resolved.commission;
      else {
        const known = commissions.map(commissionLabel).join(', ') || 'aucune';
        problems.push(
          problem(
            line,
            columns.commission,
            resolved.problem === 'unknown' ? 'UNKNOWN_COMMISSION' : 'AMBIGUOUS_COMMISSION',
            resolved.problem === 'unknown'
              ? `Commission « ${input.commission} » inconnue dans cette session (commissions : ${known}).`
              : `« ${input.commission} » désigne plusieurs commissions : utiliser le nom exact de la commission (${known}).`,
          ),
        );
      }
    }
    if (!candidate || !commission) continue;
    named.set(commission.id, commission);
    const passageKey = `${commission.id}/${candidate.id}`;
    const positionKey = `${commission.id}/${input.position}`;
    if (seenPassage.has(passageKey)) {
      problems.push(
        problem(
          line,
          columns.number,
          'DUPLICATE_PASSAGE',
          `Le candidat ${input.number} passe déjà dans ${commissionLabel(commission)} (ligne ${seenPassage.get(passageKey)}).`,
        ),
      );
    } else seenPassage.set(passageKey, line);
    if (seenPosition.has(positionKey)) {
      problems.push(
        problem(
          line,
          columns.position,
          'DUPLICATE_POSITION',
          `Ordre ${input.position} déjà donné dans ${commissionLabel(commission)} (ligne ${seenPosition.get(positionKey)}).`,
        ),
      );
    } else seenPosition.set(positionKey, line);
    if (candidate.juryId !== null && candidate.juryId !== commission.juryId) {
      problems.push(
        problem(
          line,
          columns.commission,
          'OTHER_JURY',
          `Le candidat ${input.number} relève d’un autre jury que ${commissionLabel(commission)}.`,
        ),
      );
    }
    if (problems.length > before) continue;
    planned.push({
      line,
      input,
      commission,
      candidate,
      position: input.position,
      time: input.time,
    });
  }

  // The stored passages of the session, and what the input changes in them.
  const stored = db
    .prepare(
      `SELECT p.commission_id AS "commissionId", p.candidate_id AS "candidateId", p.position,
              p.scheduled_at AS time
       FROM passages p JOIN candidates c ON c.id = p.candidate_id WHERE c.exam_session_id = ?`,
    )
    .all(session.id) as StoredPassage[];
  const storedByKey = new Map(stored.map((p) => [`${p.commissionId}/${p.candidateId}`, p]));
  const changes: ScheduleChanges = {
    created: [],
    updated: [],
    removed: [],
    unchanged: 0,
    assignedToJury: [],
    leaving: [],
    confirmation: null,
  };
  const removedPassages: PassageOf[] = [];
  const createdPassages: PassageOf[] = [];
  const commissionById = new Map(commissions.map((commission) => [commission.id, commission]));
  const lockedTouched = new Set<number>();
  for (const item of planned) {
    const previous = storedByKey.get(`${item.commission.id}/${item.candidate.id}`);
    const change: PassageChange = {
      line: item.line,
      number: item.candidate.record.number,
      commission: commissionLabel(item.commission),
      before: previous ? { position: previous.position, time: previous.time } : null,
      after: { position: item.position, time: item.time },
    };
    if (!previous) {
      changes.created.push(change);
      createdPassages.push({ commission: item.commission, candidate: item.candidate });
    } else if (previous.position !== item.position || previous.time !== item.time)
      changes.updated.push(change);
    else {
      changes.unchanged += 1;
      continue;
    }
    if (item.commission.locked) lockedTouched.add(item.line);
  }
  const inInput = new Set(planned.map((item) => `${item.commission.id}/${item.candidate.id}`));
  const lockedRemovals = new Map<SessionCommission, number>();
  const remaining = stored.filter((passage) => {
    const key = `${passage.commissionId}/${passage.candidateId}`;
    if (!named.has(passage.commissionId) || inInput.has(key)) return true;
    const commission = commissionById.get(passage.commissionId);
    const candidate = byId.get(passage.candidateId);
    changes.removed.push({
      number: candidate?.record.number ?? String(passage.candidateId),
      commission: commission ? commissionLabel(commission) : String(passage.commissionId),
    });
    if (commission && candidate) removedPassages.push({ commission, candidate });
    if (commission?.locked)
      lockedRemovals.set(commission, (lockedRemovals.get(commission) ?? 0) + 1);
    return false;
  });
  // One problem per locked room, not one per passage the file would remove from it.
  for (const [commission, removed] of lockedRemovals) {
    problems.push(
      problem(
        null,
        null,
        'JURY_LOCKED',
        `${commissionLabel(commission)} : le jury a verrouillé la délibération, son planning ne peut plus changer (${removed === 1 ? 'un passage que ce fichier retirerait' : `${removed} passages que ce fichier retirerait`}).`,
      ),
    );
  }
  for (const line of lockedTouched) {
    const item = planned.find((p) => p.line === line);
    if (!item) continue;
    problems.push(
      problem(
        line,
        item.input.columns.commission,
        'JURY_LOCKED',
        `${commissionLabel(item.commission)} : le jury a verrouillé la délibération, son planning ne peut plus changer.`,
      ),
    );
  }
  const assigned = new Set<number>();
  for (const item of planned) {
    if (item.candidate.juryId === null && !assigned.has(item.candidate.id)) {
      assigned.add(item.candidate.id);
      changes.assignedToJury.push({
        number: item.candidate.record.number,
        juryId: item.commission.juryId,
      });
    }
  }

  // Units heard, in the final state: every passage hears something, no unit twice.
  const finalRooms = new Map<number, { commission: SessionCommission; line: number | null }[]>();
  for (const passage of remaining) {
    if (inInput.has(`${passage.commissionId}/${passage.candidateId}`)) continue;
    const commission = commissionById.get(passage.commissionId);
    if (!commission) continue;
    const rooms = finalRooms.get(passage.candidateId) ?? [];
    rooms.push({ commission, line: null });
    finalRooms.set(passage.candidateId, rooms);
  }
  for (const item of planned) {
    const rooms = finalRooms.get(item.candidate.id) ?? [];
    rooms.push({ commission: item.commission, line: item.line });
    finalRooms.set(item.candidate.id, rooms);
  }
  const columnOf = new Map(planned.map((item) => [item.line, item.input.columns.commission]));
  for (const [candidateId, rooms] of finalRooms) {
    const candidate = byId.get(candidateId);
    if (!candidate || !rooms.some((room) => room.line !== null)) continue;
    const heardIn = new Map<string, SessionCommission>();
    for (const { commission, line } of rooms) {
      const units = unitsHeardBy(
        commission.units,
        optional,
        candidate.record.options,
        candidate.entries,
      );
      if (units.length === 0 && line !== null) {
        problems.push(
          problem(
            line,
            columnOf.get(line) ?? null,
            'NOTHING_HEARD',
            `Le candidat ${candidate.record.number} ne présente aucune des unités de ${commissionLabel(commission)} (${commission.units.join(', ')}) : options, bénéfices ou dispenses.`,
          ),
        );
      }
      for (const unit of units) {
        const other = heardIn.get(unit);
        if (other && line !== null) {
          problems.push(
            problem(
              line,
              columnOf.get(line) ?? null,
              'UNIT_HEARD_TWICE',
              `Le candidat ${candidate.record.number} serait entendu deux fois en ${unit} : dans ${commissionLabel(other)} et dans ${commissionLabel(commission)}.`,
            ),
          );
        }
        heardIn.set(unit, commission);
      }
    }
  }
  return {
    problems: sortProblems(problems),
    changes,
    removedPassages,
    createdPassages,
    planned: planned.map(({ commission, candidate, position, time }) => ({
      commission,
      candidate,
      position,
      time,
    })),
  };
}

export function writeSchedule(
  db: Db,
  sessionId: number,
  planned: PlannedPassage[],
  named: ReadonlySet<number>,
): void {
  const keep = new Set(planned.map((item) => `${item.commission.id}/${item.candidate.id}`));
  const drop = db.prepare('DELETE FROM passages WHERE commission_id = ? AND candidate_id = ?');
  const stored = db
    .prepare(
      `SELECT p.commission_id AS "commissionId", p.candidate_id AS "candidateId"
       FROM passages p JOIN candidates c ON c.id = p.candidate_id WHERE c.exam_session_id = ?`,
    )
    .all(sessionId) as { commissionId: number; candidateId: number }[];
  for (const passage of stored) {
    if (
      named.has(passage.commissionId) &&
      !keep.has(`${passage.commissionId}/${passage.candidateId}`)
    )
      drop.run(passage.commissionId, passage.candidateId);
  }
  const put = db.prepare(
    `INSERT INTO passages (commission_id, candidate_id, position, scheduled_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (commission_id, candidate_id) DO UPDATE
       SET position = excluded.position, scheduled_at = excluded.scheduled_at`,
  );
  const join = db.prepare('UPDATE candidates SET jury_id = ? WHERE id = ? AND jury_id IS NULL');
  for (const item of planned) {
    put.run(item.commission.id, item.candidate.id, item.position, item.time);
    join.run(item.commission.juryId, item.candidate.id);
  }
}

interface PassageOf {
  commission: SessionCommission;
  candidate: SessionCandidate;
}

/** The examiners' entries of each passage, read from its room's document (one read per room). */
function entriesOfPassages(
  effects: PassageEffects,
  passages: readonly PassageOf[],
): { passage: PassageOf; entry: RoomEntry; document: string }[] {
  const byRoom = new Map<number, PassageOf[]>();
  for (const passage of passages) {
    const list = byRoom.get(passage.commission.id) ?? [];
    list.push(passage);
    byRoom.set(passage.commission.id, list);
  }
  const found: { passage: PassageOf; entry: RoomEntry; document: string }[] = [];
  for (const list of byRoom.values()) {
    const commission = (list[0] as PassageOf).commission;
    const document = commissionDocumentName(commission.id, commission.generation);
    const doc = effects.copyDocument(document);
    if (!doc) continue;
    try {
      const byCandidate = new Map(list.map((passage) => [passage.candidate.id, passage]));
      for (const entry of roomEntriesOf(doc, new Set(byCandidate.keys()))) {
        const passage = byCandidate.get(entry.candidateId) as PassageOf;
        found.push({ passage, entry, document });
      }
    } finally {
      doc.destroy();
    }
  }
  return found;
}

function leavingOf(found: ReturnType<typeof entriesOfPassages>): LeavingEntry[] {
  return found.map(({ passage, entry }) =>
    leavingRoomEntry(
      { id: passage.candidate.id, ...passage.candidate.record },
      entry,
      commissionLabel(passage.commission),
    ),
  );
}

/** Who writes the schedule, with the token of the entries they were shown leaving. */
export interface ScheduleWriter {
  actor: SessionUser;
  /** `confirmation` of the preview; needed when entries would leave the board. */
  confirmation: string | null;
}

export interface ScheduleOutcome {
  problems: ImportProblem[];
  changes: ScheduleChanges;
  applied: boolean;
  /** Entries would leave the board and the writer's token is not the one of that list. */
  unconfirmed: boolean;
}

/**
 * Plans and, with a writer, when there is no problem and the entries leaving the board are
 * confirmed, writes, in one immediate transaction; then tells the open pages.
 */
export function applySchedule(
  db: Db,
  deps: { audit: AuditTrail; effects: PassageEffects },
  session: ExamSessionContext,
  inputs: PassageInput[],
  onlyCommission: SessionCommission | null,
  writer: ScheduleWriter | null,
): ScheduleOutcome {
  const { audit, effects } = deps;
  // Entries accepted a moment ago are stored (and audited) before they are counted.
  effects.commitPending();
  const outcome = db
    .transaction((): ScheduleOutcome & { touched: Map<number, Set<number>> } => {
      const planning = planSchedule(db, session, inputs, onlyCommission);
      const { problems, changes, planned } = planning;
      const leaving = entriesOfPassages(effects, planning.removedPassages);
      changes.leaving = leavingOf(leaving);
      changes.confirmation = confirmationOf(changes.leaving);
      const touched = new Map<number, Set<number>>();
      const refused = { problems, changes, applied: false, touched };
      if (problems.length > 0 || !writer) return { ...refused, unconfirmed: false };
      if (changes.confirmation !== null && changes.confirmation !== writer.confirmation)
        return { ...refused, unconfirmed: true };
      const named = new Set(planned.map((item) => item.commission.id));
      if (onlyCommission) named.add(onlyCommission.id);
      writeSchedule(db, session.id, planned, named);
      const events: AuditEvent[] = [];
      const reason = (passage: PassageOf, what: string) =>
        `${what} ${commissionLabel(passage.commission)} : la saisie est conservée.`;
      for (const { passage, entry, document } of leaving) {
        events.push({
          userId: writer.actor.id,
          role: writer.actor.role,
          document,
          candidateId: entry.candidateId,
          unit: entry.unit,
          action: 'retrait-passage',
          before: entry.entry,
          after: null,
          reason: reason(passage, 'Passage retiré de'),
        });
      }
      for (const { passage, entry, document } of entriesOfPassages(
        effects,
        planning.createdPassages,
      )) {
        events.push({
          userId: writer.actor.id,
          role: writer.actor.role,
          document,
          candidateId: entry.candidateId,
          unit: entry.unit,
          action: 'retour-passage',
          before: null,
          after: entry.entry,
          reason: reason(passage, 'Passage rétabli dans'),
        });
      }
      audit.append(events);
      // Every room the input names shows its new order; the boards their new rooms.
      const rooms = [
        ...planned.map((item) => item.commission),
        ...planning.removedPassages.map((passage) => passage.commission),
        ...(onlyCommission ? [onlyCommission] : []),
      ];
      const changed = changes.created.length + changes.updated.length + changes.removed.length > 0;
      for (const commission of changed ? rooms : []) {
        const ids = touched.get(commission.juryId) ?? new Set<number>();
        ids.add(commission.id);
        touched.set(commission.juryId, ids);
      }
      return { problems, changes, applied: true, unconfirmed: false, touched };
    })
    .immediate();
  const { touched, ...report } = outcome;
  for (const [juryId, rooms] of touched) effects.passagesChanged(juryId, [...rooms]);
  return report;
}
