import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustmentKey, candidateKey, CloseCode, juryMap, writeJuryValue } from '@delib/protocol';
import type { BoardCandidate, BoardView, RecordCandidate } from '@delib/protocol';
import {
  lockNamingIncomplete,
  presidentAfterOrals,
  writeJuryDocument,
} from '../test-support/deliberation-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';
import { lockedRecord, signedPdf, signLockedJury } from './test-support/signed-demo-documents.js';

/**
 * Each adjustment on the signed PV (and the relevé) names the jury member who set it. The
 * jury document holds `{ mark, reason }` only; the author is the user of the audit row of the
 * adjustment in force, which the server wrote when it accepted the update: no client can
 * write a name of its choosing.
 */
describe('an adjustment on the signed PV', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  let president: string;
  let juryId: number;
  let candidate: BoardCandidate;
  let recorded: RecordCandidate;

  beforeAll(async () => {
    server = await startTestServer();
    const marked = await presidentAfterOrals(server, '02700001', { U22: 12, U41: 12, U42: 12 });
    ({ board, juryId, cookie, candidate } = marked);
    president = marked.president.me.user.name;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('cannot carry an author written by the client', async () => {
    const outcome = await writeJuryDocument(server, board, cookie, (doc) =>
      juryMap(doc, 'adjustments').set(adjustmentKey(candidate.id, 'U41'), {
        mark: 13,
        reason: 'Harmonisation entre les commissions',
        by: 'Quelqu’un d’autre',
      }),
    );
    expect(outcome).toMatchObject({ accepted: false, code: CloseCode.INVALID_UPDATE });
  });

  it('is recorded at the lock with the name of who set it; a removed one leaves nothing', async () => {
    const write = (edit: Parameters<typeof writeJuryDocument>[3]) =>
      writeJuryDocument(server, board, cookie, edit);
    expect(
      await write((doc) => {
        writeJuryValue(doc, 'adjustments', adjustmentKey(candidate.id, 'U41'), {
          mark: 13,
          reason: 'Harmonisation entre les commissions',
        });
        writeJuryValue(doc, 'adjustments', adjustmentKey(candidate.id, 'U42'), {
          mark: 14,
          reason: 'Saisie à retirer',
        });
        writeJuryValue(doc, 'livret', candidateKey(candidate.id), { consulted: true });
      }),
    ).toEqual({ accepted: true });
    expect(
      await write((doc) =>
        writeJuryValue(doc, 'adjustments', adjustmentKey(candidate.id, 'U42'), null),
      ),
    ).toEqual({ accepted: true });

    expect((await lockNamingIncomplete(server, juryId, cookie)).status).toBe(201);
    await signLockedJury(server, juryId, cookie);
    const record = (await lockedRecord(server, juryId, cookie)).record;
    recorded = record.candidates.find((c) => c.id === candidate.id) as RecordCandidate;
    const line = (unit: string) => recorded.lines.find((l) => l.unit === unit);
    expect(line('U41')?.adjustment).toEqual({
      from: 12,
      to: 13,
      reason: 'Harmonisation entre les commissions',
      by: president,
    });
    expect(line('U42')?.adjustment).toBeNull();
  });

  it('names its author on the PV and on the relevé', async () => {
    const minute = await signedPdf(server, `${juryId}/minute.pdf`, cookie);
    const section = minute.text.slice(minute.text.indexOf('Notes ajustées par le jury'));
    expect(section).toContain('Fixée par');
    expect(section.replace(/\s+/g, ' ')).toContain(
      `${candidate.number} ${candidate.lastName.toUpperCase()} ${candidate.firstName} U41 12 → 13 ${president} Harmonisation entre les commissions`,
    );
    expect(section).not.toContain('Saisie à retirer');

    const releve = await signedPdf(server, `${juryId}/releves/${candidate.id}.pdf`, cookie);
    expect(releve.text.replace(/\s+/g, ' ')).toContain(
      `Note de U41 ajustée par le jury : 12 → 13 fixée par ${president}`,
    );
  });
});
