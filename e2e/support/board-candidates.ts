import type { Page } from 'playwright-core';

/** A candidate as the jury's board API gives them (`GET /api/juries/<id>/board`). */
export interface BoardCandidate {
  id: number;
  number: string;
  status: string | null;
  options: string[];
  stored: Record<string, { mark?: number }>;
  commissionByUnit: Record<string, number>;
}

/** The candidates of the jury's board, read with the page's session. */
export async function boardCandidates(page: Page, juryId: string): Promise<BoardCandidate[]> {
  const board = await page.evaluate(async (id) => {
    const response = await fetch(`/api/juries/${id}/board`);
    return (await response.json()) as { candidates: BoardCandidate[] };
  }, juryId);
  return board.candidates;
}

/** Coefficients of the written units of BTS MCO (the orals U22, U41, U42 weigh 7,5 together). */
const WRITTEN: Record<string, number> = { U1: 3, U21: 1.5, U3: 3, U5: 3, U6: 3 };

/**
 * The candidates with plain written marks (no option, not « individuel ») and the three orals
 * U22, U41, U42 to come in the jury's rooms, in the board's order, each with their written
 * points (the sum of coefficient × mark): the journeys choose the oral marks from them.
 */
export function candidatesAwaitingOrals(
  candidates: BoardCandidate[],
): { candidate: BoardCandidate; written: number }[] {
  const awaiting: { candidate: BoardCandidate; written: number }[] = [];
  for (const candidate of candidates) {
    const marks = Object.keys(WRITTEN).map((unit) => candidate.stored[unit]?.mark);
    if (marks.some((mark) => mark === undefined)) continue;
    if (candidate.options.length > 0 || candidate.status === 'individuel') continue;
    if (!['U22', 'U41', 'U42'].every((unit) => unit in candidate.commissionByUnit)) continue;
    const written = Object.entries(WRITTEN).reduce(
      (sum, [unit, coefficient]) => sum + coefficient * (candidate.stored[unit]?.mark ?? 0),
      0,
    );
    awaiting.push({ candidate, written });
  }
  return awaiting;
}

/** A mark as the pages write it: 9,5. */
export const french = (mark: number): string => String(mark).replace('.', ',');
