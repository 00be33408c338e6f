import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeJuryValue } from '@delib/protocol';
import type { BoardView, FinalRecord } from '@delib/protocol';
import { pdfPageTexts } from '../minute/test-support/pdf-text.js';
import { postJson, presidentBoard, writeJuryDocument } from '../test-support/deliberation-steps.js';
import { download, signMinuteWith } from '../test-support/minute-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * The émargement is taken with the lock: the president confirms the members present as the
 * lock dialog shows them, the lock's own transaction records them in the final record and in
 * its audit row, and the signed minute prints them with a place for each to sign by hand. A
 * list that no longer matches the jury's locks nothing.
 */
describe('the attendance, recorded with the lock', () => {
  let server: TestServer;
  let board: BoardView;
  let cookie: string;
  let juryId: number;
  const memberId = (name: string) => board.members.find((m) => m.name === name)?.userId as string;
  const lockWith = (attendance: unknown) =>
    postJson(server, `/api/juries/${juryId}/lock`, cookie, {
      confirmIncomplete: board.candidates.map((c) => c.id),
      attendance,
    });
  const lockedAt = () =>
    (
      server.app.db.prepare('SELECT locked_at FROM juries WHERE id = ?').get(juryId) as {
        locked_at: string | null;
      }
    ).locked_at;

  beforeAll(async () => {
    server = await startTestServer();
    const signedIn = await presidentBoard(server);
    board = signedIn.board;
    cookie = signedIn.president.cookie;
    juryId = signedIn.juryId;
    const absent = memberId('Éric Girard');
    const written = await writeJuryDocument(server, board, cookie, (doc) => {
      writeJuryValue(doc, 'attendance', absent, {
        present: false,
        category: 'professionnel_employeur',
      });
    });
    expect(written).toEqual({ accepted: true });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('locks nothing when the list confirmed is not the jury’s', async () => {
    const everyonePresent = board.members.map((m) => ({ userId: m.userId, present: true }));
    const stale = await lockWith(everyonePresent);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('ATTENDANCE_CHANGED');
    expect(stale.body.error.message).toMatch(/émargement/);
    const missingOne = board.members
      .slice(1)
      .map((m) => ({ userId: m.userId, present: m.name !== 'Éric Girard' }));
    expect((await lockWith(missingOne)).status).toBe(409);
    const stranger = [
      ...board.members.map((m) => ({ userId: m.userId, present: m.name !== 'Éric Girard' })),
      { userId: 'inconnu', present: true },
    ];
    expect((await lockWith(stranger)).status).toBe(409);
    expect((await lockWith('tous présents')).status).toBe(400);
    expect(lockedAt()).toBeNull();
  });

  it('records the émargement in the lock’s transaction: record and audit row', async () => {
    const attendance = board.members.map((m) => ({
      userId: m.userId,
      present: m.name !== 'Éric Girard',
    }));
    const locked = await lockWith(attendance);
    expect(locked.status).toBe(201);
    const record = locked.body.record as FinalRecord;
    expect(record.format).toBe('delib.final-record/3');
    expect(record.attendance).toEqual({
      recordedAt: record.lockedAt,
      recordedBy: 'Claire Fontaine',
      confirmedAtLock: true,
    });
    expect(record.members.map((m) => [m.name, m.present])).toContainEqual(['Éric Girard', false]);
    expect(record.members.filter((m) => m.present)).toHaveLength(board.members.length - 1);
    expect(lockedAt()).toBe(record.lockedAt);

    const row = server.app.db
      .prepare("SELECT after FROM audit_log WHERE action = 'verrouillage'")
      .get() as { after: string };
    const after = JSON.parse(row.after) as {
      attendance: { name: string; category: string; present: boolean }[];
    };
    expect(after.attendance).toContainEqual({
      name: 'Éric Girard',
      category: 'professionnel_employeur',
      president: false,
      present: false,
    });
  });

  it('prints it on the minute, with a place to sign for the president and each member present', async () => {
    expect((await signMinuteWith(server, juryId, cookie)).status).toBe(201);
    const minute = await download(server, `/api/juries/${juryId}/minute.pdf`, cookie);
    const text = (await pdfPageTexts(minute.bytes)).join('\n');
    expect(text).toContain('Émargement et signatures des membres présents');
    expect(text).toMatch(
      /Émargement relevé au verrouillage, le .+ par Claire Fontaine, qui l’a confirmé/,
    );
    const block = text.slice(text.indexOf('Émargement et signatures'));
    for (const member of board.members.filter((m) => m.name !== 'Éric Girard')) {
      expect(block).toContain(member.name);
    }
    expect(block).toMatch(/Président·e\s+Claire Fontaine\s+Enseignant·e/);
    expect(block).toMatch(
      /Absent·e·s \(ne signent pas\) : Éric Girard – Professionnel·le \(employeur\)/,
    );
  });
});
