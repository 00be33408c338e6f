import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type * as Y from 'yjs';
import { parseCellKey, readAllOralEntries, readJuryMap } from '@delib/protocol';
import type { LeavingEntry, OralEntry } from '@delib/protocol';
import { DECISION_LABELS, formatEntry, formatMark } from '@delib/rules';

/**
 * The entries a change of passages or of a jury's candidates would take off the board. They
 * are never deleted (the documents keep them, the audit trail has them): the centre is shown
 * each one, by candidate, unit and value, and must confirm with the token of exactly that list.
 */

export interface CandidateNamed {
  id: number;
  number: string;
  lastName: string;
  firstName: string;
}

/** One examiner's entry of a room's document, for one of the candidates asked about. */
export interface RoomEntry {
  candidateId: number;
  unit: string;
  entry: OralEntry;
}

/** `DURAND Camille`, as the minute writes it. */
export function nameOfCandidate(candidate: { lastName: string; firstName: string }): string {
  return `${candidate.lastName.toLocaleUpperCase('fr')} ${candidate.firstName}`.trim();
}

/** The well-formed cells of a room's document that belong to the given candidates. */
export function roomEntriesOf(doc: Y.Doc, candidateIds: ReadonlySet<number>): RoomEntry[] {
  const found: RoomEntry[] = [];
  for (const [key, entry] of readAllOralEntries(doc)) {
    const cell = parseCellKey(key);
    if (cell && candidateIds.has(cell.candidateId)) found.push({ ...cell, entry });
  }
  return found.sort((a, b) => a.candidateId - b.candidateId || a.unit.localeCompare(b.unit));
}

export function leavingRoomEntry(
  candidate: CandidateNamed,
  entry: RoomEntry,
  place: string,
): LeavingEntry {
  return {
    number: candidate.number,
    name: nameOfCandidate(candidate),
    unit: entry.unit,
    kind: 'Saisie en salle',
    value: formatEntry(entry.entry),
    place,
  };
}

/** One value the jury's document holds about a candidate, with the raw value for the audit. */
export interface JuryEntry {
  map: string;
  key: string;
  unit: string | null;
  kind: string;
  value: string;
  raw: unknown;
}

const MAX_NOTE_SHOWN = 80;

function shortText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_NOTE_SHOWN ? `${flat.slice(0, MAX_NOTE_SHOWN - 1)}…` : flat;
}

/**
 * What the jury's document says about one candidate: adjustments, decision, livret,
 * épreuves de contrôle and members' notes. `memberName` names a note's author.
 */
export function juryEntriesOf(
  doc: Y.Doc,
  candidateId: number,
  memberName: (userId: string) => string,
): JuryEntry[] {
  const own = String(candidateId);
  const found: JuryEntry[] = [];
  for (const [key, value] of readJuryMap(doc, 'adjustments')) {
    const cell = parseCellKey(key);
    if (cell?.candidateId !== candidateId) continue;
    found.push({
      map: 'adjustments',
      key,
      unit: cell.unit,
      kind: 'Ajustement du jury',
      value: `${formatMark(value.mark)} · motif : ${shortText(value.reason)}`,
      raw: value,
    });
  }
  const decision = readJuryMap(doc, 'decisions').get(own);
  if (decision) {
    const label = DECISION_LABELS[decision.decision];
    found.push({
      map: 'decisions',
      key: own,
      unit: null,
      kind: 'Décision du jury',
      value: decision.reason ? `${label} · ${shortText(decision.reason)}` : label,
      raw: decision,
    });
  }
  if (readJuryMap(doc, 'livret').get(own)) {
    found.push({
      map: 'livret',
      key: own,
      unit: null,
      kind: 'Livret scolaire',
      value: 'consulté',
      raw: { consulted: true },
    });
  }
  const control = readJuryMap(doc, 'control').get(own);
  if (control) {
    const marks = Object.entries(control.marks).map(
      ([choice, mark]) => `${choice} : ${formatMark(mark)}`,
    );
    found.push({
      map: 'control',
      key: own,
      unit: null,
      kind: 'Épreuves de contrôle',
      value: marks.length > 0 ? marks.join(' · ') : 'choix sans note',
      raw: control,
    });
  }
  for (const [key, note] of readJuryMap(doc, 'notes')) {
    const [candidate, userId] = key.split(':');
    if (candidate !== own || !userId) continue;
    found.push({
      map: 'notes',
      key,
      unit: null,
      kind: `Note de ${memberName(userId)}`,
      value: `« ${shortText(note.text)} »`,
      raw: note,
    });
  }
  return found;
}

/** A digest of exactly the entries shown, or null when there is none. */
export function confirmationOf(leaving: readonly LeavingEntry[]): string | null {
  if (leaving.length === 0) return null;
  const body = canonicalize(
    leaving.map(({ number, unit, kind, value, place }) => ({ number, unit, kind, value, place })),
  );
  return createHash('sha256')
    .update(body ?? '')
    .digest('hex')
    .slice(0, 32);
}

/** `1 saisie`, `3 saisies`. */
export function entriesCount(count: number): string {
  return `${count} saisie${count > 1 ? 's' : ''}`;
}
