import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateKey, writeJuryValue } from '@delib/protocol';
import type { BoardView } from '@delib/protocol';
import { computeResult, getRegulation } from '@delib/rules';
import type { Adjustment, CandidateInput, Entry, UnitLine } from '@delib/rules';
import {
  adjustOrals,
  candidateNumbered,
  enterOrals,
  lockNamingIncomplete,
  presidentAfterOrals,
  writeJuryDocument,
} from '../test-support/deliberation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

interface LooseRecordCandidate {
  id: number;
  number: string;
  lines: UnitLine[];
  control: { choice: string; mark: number }[] | null;
  decision: string;
  confirmation: unknown;
}

/** What `computeResult` says for the inputs the record itself shows. */
function recomputed(line: { lines: UnitLine[]; control: LooseRecordCandidate['control'] }) {
  const units: Record<string, Entry | null> = {};
  const adjustments: Record<string, Adjustment> = {};
  for (const l of line.lines) {
    units[l.unit] = l.entry;
    if (l.adjustment) adjustments[l.unit] = { mark: l.adjustment.to, reason: l.adjustment.reason };
  }
  const input: CandidateInput = { session: 2027, units, adjustments };
  if (line.control) input.control = Object.fromEntries(line.control.map((c) => [c.choice, c.mark]));
  return computeResult(getRegulation('bts-mco-2018'), input);
}

/**
 * The signed minute never records a decision the regulation forbids: the record's decision is
 * what `computeResult` gives for the final inputs; the jury document only confirms it; a
 * candidate whose file is incomplete is listed apart, not decided.
 */
describe('the final record', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  let juryId: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads loose JSON answers
  let record: Record<string, any>;
  beforeAll(async () => {
    server = await startTestServer();

    // 02700001: zero at every oral, refused; the president confirms the refusal after the
    // livret, then the jury adjusts the orals to 20, which admits the candidate.
    const marked = await presidentAfterOrals(server, '02700001', { U22: 0, U41: 0, U42: 0 });
    ({ board, cookie, juryId } = marked);
    const low = marked.candidate;
    const confirmed = await writeJuryDocument(server, board, cookie, (doc) => {
      writeJuryValue(doc, 'livret', candidateKey(low.id), { consulted: true });
      writeJuryValue(doc, 'decisions', candidateKey(low.id), {
        decision: 'refuse',
        reason: 'Livret consulté',
      });
    });
    expect(confirmed).toEqual({ accepted: true });
    const adjusted = await adjustOrals(server, board, cookie, low.id, {
      mark: 20,
      reason: 'Grille d’évaluation mal reportée',
    });
    expect(adjusted).toEqual({ accepted: true });

    // 02700009: absent without justification; the president confirms it with a note.
    const absent = candidateNumbered(board, '02700009');
    await enterOrals(server, board, absent, {
      U22: { mark: 12 },
      U41: { mark: 12 },
      U42: { mark: 12 },
    });
    expect(
      await writeJuryDocument(server, board, cookie, (doc) =>
        writeJuryValue(doc, 'decisions', candidateKey(absent.id), {
          decision: 'absent',
          reason: 'Absence à l’épreuve E5 non justifiée après relance',
        }),
      ),
    ).toEqual({ accepted: true });

    const locked = await lockNamingIncomplete(server, juryId, cookie);
    expect(locked.status).toBe(201);
    record = locked.body.record as Record<string, unknown>;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('gives every candidate the decision computed from the inputs it shows', () => {
    const candidates = record.candidates as LooseRecordCandidate[];
    expect(candidates.length).toBeGreaterThan(0);
    for (const candidate of candidates) {
      expect(candidate.decision, candidate.number).toBe(recomputed(candidate).decision);
    }
  });

  it('ignores a confirmation the final inputs contradict, and keeps one that holds with its note', () => {
    const candidates = record.candidates as LooseRecordCandidate[];
    const low = candidates.find((c) => c.number === '02700001');
    expect(low).toMatchObject({ decision: 'admis', confirmation: null });
    const absent = candidates.find((c) => c.number === '02700009');
    expect(absent).toMatchObject({
      decision: 'absent',
      confirmation: { note: 'Absence à l’épreuve E5 non justifiée après relance' },
    });
  });

  it('decides no candidate "incomplet": they are listed apart with their missing units', () => {
    const candidates = record.candidates as LooseRecordCandidate[];
    expect(candidates.map((c) => c.decision)).not.toContain('incomplet');
    const apart = record.notDeliberated as { number: string; missing: string[] }[];
    expect(apart).toHaveLength(22);
    expect(apart.find((c) => c.number === '02700002')?.missing).toEqual(['U22', 'U41', 'U42']);
    // 02700018 keeps a bénéfice at U22: only the E4 orals are missing.
    expect(apart.find((c) => c.number === '02700018')?.missing).toEqual(['U41', 'U42']);
    const decided = new Set(candidates.map((c) => c.number));
    expect(apart.some((c) => decided.has(c.number))).toBe(false);
    expect(candidates.length + apart.length).toBe(board.candidates.length);
  });
});
