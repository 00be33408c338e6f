import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../test-support/admin-client.js';
import { candidateNumbered } from '../test-support/deliberation-steps.js';
import { lockDemoJuryWithAdmitted, WITHOUT_CONSENT } from '../test-support/publication-steps.js';
import type { LockedDemoJury } from '../test-support/publication-steps.js';
import { startTestServer } from '../test-support/test-server.js';
import type { TestServer } from '../test-support/test-server.js';

/**
 * The CSV of the admitted candidates opens in a French Excel as it is (UTF-8 with a BOM, `;`,
 * CRLF) and runs nothing: a name that starts like a formula is written as text. The import
 * refuses such a name, so the test writes it where an older import or a hand-edited database
 * would: in the candidates table, before the lock copies it into the record.
 */
describe('the CSV of the admitted candidates', () => {
  let server: TestServer;
  let admin: AdminClient;
  let locked: LockedDemoJury;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminClient.signIn(server);
    locked = await lockDemoJuryWithAdmitted(server, (board) => {
      const hostile = candidateNumbered(board, '02700003');
      server.app.db
        .prepare('UPDATE candidates SET last_name = ?, first_name = ? WHERE id = ?')
        .run('=HYPERLINK("http://x";"y")', '@SUM(1+1)', hostile.id);
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is UTF-8 with a BOM, semicolons and CRLF, one line per admitted candidate', async () => {
    const sessionId = locked.board.session.id;
    const response = await fetch(
      `${server.url}/api/admin/exam-sessions/${sessionId}/publication.csv`,
      { headers: { cookie: admin.cookie ?? '' } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="admis-session-2027.csv"',
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    const first = candidateNumbered(locked.board, '02700001');
    const juryName = locked.board.jury.name;
    expect(lines).toEqual([
      'Numéro;Nom;Prénom;Jury',
      `02700001;${first.lastName};${first.firstName};${juryName}`,
      `02700003;"'=HYPERLINK(""http://x"";""y"")";'@SUM(1+1);${juryName}`,
      `${WITHOUT_CONSENT};;;${juryName}`,
      expect.stringMatching(/^02700006;[^;]+;[^;]+;/),
    ]);
  });

  it('is the same for the jury alone, named after the jury', async () => {
    const response = await fetch(`${server.url}/api/juries/${locked.juryId}/publication.csv`, {
      headers: { cookie: locked.presidentCookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="admis-jury-${locked.juryId}-session-2027.csv"`,
    );
    const text = (await response.text()).replace(/^\uFEFF/, '');
    expect(text.trimEnd().split('\r\n')).toHaveLength(5);
    expect(text).toContain(`'=HYPERLINK`);
  });
});
