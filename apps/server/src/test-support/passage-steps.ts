import type { BoardView, CommissionView, PassageInput } from '@delib/protocol';
import type { AdminClient, Answer } from './admin-client.js';

/**
 * The admin's steps on a room's order of passage, through the real routes: read it, save it
 * without a candidate or with one again, with or without the confirmation token.
 */

export interface Refusal<D = unknown> {
  error: { code: string; message: string; details: D };
}

/** The room of the demo jury that hears `unit`. */
export function roomHearing(board: BoardView, unit: string): BoardView['commissions'][number] {
  const room = board.commissions.find((commission) => commission.units.includes(unit));
  if (!room) throw new Error(`aucune salle n’entend ${unit}`);
  return room;
}

export async function roomPassages(
  admin: AdminClient,
  commissionId: number,
): Promise<PassageInput[]> {
  const view = await admin.get<CommissionView>(`/api/commissions/${commissionId}`);
  if (view.status !== 200) throw new Error(`salle ${commissionId} illisible : ${view.status}`);
  return view.body.passages.map((passage) => ({
    number: passage.number,
    position: passage.position,
    time: passage.time,
  }));
}

/** Saves the room's whole order of passage (`PUT /api/admin/commissions/:id/passages`). */
export function savePassages<T = unknown>(
  admin: AdminClient,
  commissionId: number,
  passages: PassageInput[],
  confirmation: string | null = null,
): Promise<Answer<T>> {
  return admin.json<T>('PUT', `/api/admin/commissions/${commissionId}/passages`, {
    passages,
    confirmation,
  });
}

/** The room's passages without `number`, positions kept in order. */
export function without(passages: PassageInput[], number: string): PassageInput[] {
  return passages
    .filter((passage) => passage.number !== number)
    .map((passage, index) => ({ ...passage, position: index + 1 }));
}

/** The room's passages with `number` again, last. */
export function withAgain(passages: PassageInput[], number: string): PassageInput[] {
  return [...passages, { number, position: passages.length + 1, time: null }];
}
