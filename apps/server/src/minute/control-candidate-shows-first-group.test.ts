import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateKey, writeJuryValue } from '@delib/protocol';
import type { BoardCandidate, BoardView, RecordCandidate } from '@delib/protocol';
import { computeResult, DECISION_LABELS, formatAverage, getRegulation } from '@delib/rules';
import type { CandidateInput, Entry } from '@delib/rules';
import {
  enterOrals,
  lockNamingIncomplete,
  presidentBoard,
  writeJuryDocument,
} from '../test-support/deliberation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { lockedRecord, signedPdf, signLockedJury } from './test-support/signed-demo-documents.js';

/**
 * A candidate of the épreuves de contrôle: the PV and the relevé give the first group's
 * average and decision beside the final ones, as a rectorat reads them. On the demo server,
 * through the real clients: oral marks that send one candidate to the épreuves de contrôle,
 * a contrôle mark in the jury document, the lock, the signature, the PDFs handed out.
 */
type Orals = { U22: number; U41: number; U42: number };

function inputOf(board: BoardView, candidate: BoardCandidate, orals: Orals): CandidateInput {
  const units: Record<string, Entry> = { ...candidate.stored };
  for (const [unit, mark] of Object.entries(orals)) units[unit] = { mark };
  return { session: board.session.year, units };
}

/** The first candidate, and oral marks, that the rules send to the épreuves de contrôle. */
function controlCandidate(board: BoardView): { candidate: BoardCandidate; orals: Orals } {
  const regulation = getRegulation(board.session.regulationId);
  for (const candidate of board.candidates) {
    const heard = ['U22', 'U41', 'U42'].every((u) => candidate.commissionByUnit[u] !== undefined);
    if (!heard || candidate.options.length > 0) continue;
    for (let pro = 10; pro <= 20; pro++) {
      for (let U22 = 0; U22 <= 20; U22++) {
        const orals = { U22, U41: pro, U42: pro };
        if (computeResult(regulation, inputOf(board, candidate, orals)).decision === 'controle') {
          return { candidate, orals };
        }
      }
    }
  }
  throw new Error('aucun candidat de la démonstration ne peut aller aux épreuves de contrôle');
}

describe('a candidate of the épreuves de contrôle on the signed PV and relevé', () => {
  let server: TestServer;
  let cookie: string;
  let juryId: number;
  let candidate: BoardCandidate;
  let expected: ReturnType<typeof computeResult>;
  let recorded: RecordCandidate;

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    cookie = signedIn.president.cookie;
    juryId = signedIn.juryId;
    const board = signedIn.board;
    const found = controlCandidate(board);
    candidate = found.candidate;
    await enterOrals(server, board, candidate, {
      U22: { mark: found.orals.U22 },
      U41: { mark: found.orals.U41 },
      U42: { mark: found.orals.U42 },
    });
    // The contrôle mark of culture générale that admits the candidate.
    const regulation = getRegulation(board.session.regulationId);
    const control = { U1: 20 };
    expected = computeResult(regulation, { ...inputOf(board, candidate, found.orals), control });
    expect(expected.decision).toBe('admis');
    expect(
      await writeJuryDocument(server, board, cookie, (doc) =>
        writeJuryValue(doc, 'control', candidateKey(candidate.id), { marks: control }),
      ),
    ).toEqual({ accepted: true });
    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
    await signLockedJury(server, juryId, cookie);
    const record = (await lockedRecord(server, juryId, cookie)).record;
    recorded = record.candidates.find((c) => c.id === candidate.id) as RecordCandidate;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('records the first group’s average and decision beside the final ones', () => {
    expect(recorded.decision).toBe('admis');
    expect(recorded.firstGroup).toEqual({
      total: expected.firstGroup.total,
      average: expected.firstGroup.average,
      averageDisplay: formatAverage(expected.firstGroup.average),
      decision: 'controle',
    });
    expect(recorded.averageDisplay).not.toBe(recorded.firstGroup?.averageDisplay);
  });

  it('prints them on the PV, in the candidate’s row', async () => {
    const { text } = await signedPdf(server, `${juryId}/minute.pdf`, cookie);
    const start = text.indexOf(`${candidate.number} `);
    // The row, its cells' lines joined by single spaces.
    const row = text.slice(start, text.indexOf('\n0270', start + 10)).replace(/\s+/g, ' ');
    const first = recorded.firstGroup?.averageDisplay ?? '?';
    expect(row).toContain(recorded.averageDisplay);
    expect(row).toContain(`1er gr. ${first}`);
    expect(row).toContain(`1er gr. : ${DECISION_LABELS.controle}`);
    expect(row).toContain(DECISION_LABELS.admis);
  });

  it('prints them on the candidate’s relevé', async () => {
    const { text } = await signedPdf(server, `${juryId}/releves/${candidate.id}.pdf`, cookie);
    const first = recorded.firstGroup?.averageDisplay ?? '?';
    expect(text).toMatch(
      new RegExp(`Moyenne du premier groupe \\(avant les épreuves de contrôle\\)\\s+${first} / 20`),
    );
    expect(text).toMatch(new RegExp(`Décision du premier groupe\\s+${DECISION_LABELS.controle}`));
    expect(text).toMatch(
      new RegExp(`après les épreuves de contrôle[^/]*${recorded.averageDisplay} / 20`),
    );
    expect(text).toContain('Décision du jury : Admis');
  });
});
