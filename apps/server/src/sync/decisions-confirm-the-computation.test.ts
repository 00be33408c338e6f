import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adjustmentKey,
  candidateKey,
  CloseCode,
  juryMap,
  readJuryValue,
  writeJuryValue,
} from '@delib/protocol';
import type { BoardView } from '@delib/protocol';
import {
  candidateNumbered,
  enterOrals,
  presidentBoard,
  readJuryDocument,
  writeJuryDocument,
} from '../test-support/deliberation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * Nobody types a decision: the jury document may confirm the decision the rules compute for
 * the final inputs, never contradict it. The server checks it on every update of the jury
 * document, against the candidate's entries as they stand with that very update.
 */
describe('a decision in the jury document', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    board = signedIn.board;
    cookie = signedIn.president.cookie;
  });
  afterAll(async () => {
    await server.stop();
  });

  const write = (edit: Parameters<typeof writeJuryDocument>[3]) =>
    writeJuryDocument(server, board, cookie, edit);
  const stored = async (candidateId: number) =>
    readJuryValue(
      await readJuryDocument(server, board, cookie),
      'decisions',
      candidateKey(candidateId),
    );

  it('is refused when it admits a candidate absent without justification', async () => {
    // 02700009 is absent without justification at U5: the rules say "absent".
    const absent = candidateNumbered(board, '02700009');
    await enterOrals(server, board, absent, {
      U22: { mark: 15 },
      U41: { mark: 15 },
      U42: { mark: 15 },
    });
    const outcome = await write((doc) =>
      writeJuryValue(doc, 'decisions', candidateKey(absent.id), {
        decision: 'admis',
        reason: 'Le jury souverain admet le candidat',
      }),
    );
    expect(outcome).toMatchObject({ accepted: false, code: CloseCode.INVALID_UPDATE });
    expect(outcome.accepted ? '' : outcome.reason).toMatch(/Absent/);
    expect(await stored(absent.id)).toBeNull();
  });

  it('is refused when it sends to the épreuves de contrôle a candidate the rules refuse', async () => {
    const low = candidateNumbered(board, '02700001');
    await enterOrals(server, board, low, { U22: { mark: 0 }, U41: { mark: 0 }, U42: { mark: 0 } });
    const outcome = await write((doc) =>
      writeJuryValue(doc, 'decisions', candidateKey(low.id), {
        decision: 'controle',
        reason: 'Oral à repasser',
      }),
    );
    expect(outcome).toMatchObject({ accepted: false, code: CloseCode.INVALID_UPDATE });
    expect(await stored(low.id)).toBeNull();
  });

  it('is refused, whatever it says, while the candidate has units without an entry', async () => {
    const incomplete = candidateNumbered(board, '02700002');
    for (const decision of ['admis', 'incomplet'] as const) {
      const outcome = await write((doc) =>
        juryMap(doc, 'decisions').set(candidateKey(incomplete.id), {
          decision,
          reason: 'Décision du jury',
        }),
      );
      expect(outcome).toMatchObject({ accepted: false, code: CloseCode.INVALID_UPDATE });
    }
    expect(await stored(incomplete.id)).toBeNull();
  });

  it('is taken as a confirmation of the computed decision, with or without a note', async () => {
    const absent = candidateNumbered(board, '02700009');
    expect(
      await write((doc) =>
        writeJuryValue(doc, 'decisions', candidateKey(absent.id), {
          decision: 'absent',
          reason: '',
        }),
      ),
    ).toEqual({ accepted: true });
    expect(await stored(absent.id)).toEqual({ decision: 'absent', reason: '' });

    const low = candidateNumbered(board, '02700001');
    expect(
      await write((doc) =>
        writeJuryValue(doc, 'decisions', candidateKey(low.id), {
          decision: 'refuse',
          reason: 'Livret scolaire consulté : aucun élément pour un ajustement',
        }),
      ),
    ).toEqual({ accepted: true });
  });

  it('is checked against the adjustments written in the same update', async () => {
    const low = candidateNumbered(board, '02700001');
    // Adjusted to 20 everywhere, the candidate is admitted: confirming "admis" in the same
    // update is right, confirming "refusé" is not.
    const adjustAll = (doc: Parameters<Parameters<typeof write>[0]>[0]) => {
      for (const unit of ['U1', 'U21', 'U22', 'U3', 'U41', 'U42', 'U5', 'U6']) {
        writeJuryValue(doc, 'adjustments', adjustmentKey(low.id, unit), {
          mark: 20,
          reason: 'Erreur de report',
        });
      }
    };
    const wrong = await write((doc) => {
      adjustAll(doc);
      writeJuryValue(doc, 'decisions', candidateKey(low.id), { decision: 'refuse', reason: '' });
    });
    expect(wrong).toMatchObject({ accepted: false, code: CloseCode.INVALID_UPDATE });
    const right = await write((doc) => {
      adjustAll(doc);
      writeJuryValue(doc, 'decisions', candidateKey(low.id), { decision: 'admis', reason: '' });
    });
    expect(right).toEqual({ accepted: true });
  });

  it('is checked per candidate in an update confirming several, one of them 500 times', async () => {
    // After the case above 02700001 is admitted (adjusted), 02700009 absent.
    const low = candidateNumbered(board, '02700001');
    const absent = candidateNumbered(board, '02700009');
    const confirmations = (lowDecision: 'admis' | 'refuse') =>
      write((doc) => {
        for (let index = 0; index < 500; index++)
          writeJuryValue(doc, 'decisions', candidateKey(absent.id), {
            decision: 'absent',
            reason: `relecture ${index}`,
          });
        writeJuryValue(doc, 'decisions', candidateKey(low.id), {
          decision: lowDecision,
          reason: '',
        });
      });
    expect(await confirmations('refuse')).toMatchObject({
      accepted: false,
      code: CloseCode.INVALID_UPDATE,
    });
    expect(await confirmations('admis')).toEqual({ accepted: true });
    expect(await stored(absent.id)).toEqual({ decision: 'absent', reason: 'relecture 499' });
    expect(await stored(low.id)).toEqual({ decision: 'admis', reason: '' });
  });
});
