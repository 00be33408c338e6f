import { describe, expect, it } from 'vitest';
import { newPerson, screenshot } from './support/browser.js';
import { useTwoProcessDeploymentAndBrowser } from './support/journey.js';
import { watchUpstreams } from './support/nginx.js';
import { typeMark } from './support/room-steps.js';
import { signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/**
 * Journey across processes: two Délib processes behind nginx on PostgreSQL and Redis. The
 * examiner's tablet reaches process A, the president's laptop process B; the marks the
 * examiner types appear live on the president's board. A session opened through one process
 * is good on the other.
 */
describe('marks cross processes behind nginx', () => {
  const journey = useTwoProcessDeploymentAndBrowser();

  it('the president on B sees live the marks the examiner types on A', async () => {
    const { a, b, nginx } = journey.deployment;

    const president = await (await newPerson(journey.browser)).newPage();
    const presidentUpstreams = await watchUpstreams(president);
    await signInToBoard(president, nginx.urls.preferB, 'presidente');
    await expect.poll(() => president.getByTestId('row-02700001').isVisible()).toBe(true);

    const examiner = await (await newPerson(journey.browser, { tablet: true })).newPage();
    const examinerUpstreams = await watchUpstreams(examiner);
    await signInToRoom(examiner, nginx.urls.preferA, 'e4.enseignante');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    // Each page and each websocket (Yjs sync, socket.io) went where the journey placed it.
    const syncSockets = (seen: typeof examinerUpstreams) =>
      seen.websockets.filter((socket) => socket.url.includes('/sync'));
    expect(syncSockets(examinerUpstreams).length).toBeGreaterThan(0);
    expect(syncSockets(presidentUpstreams).length).toBeGreaterThan(0);
    expect(new Set(examinerUpstreams.websockets.map((s) => s.upstream))).toEqual(
      new Set([a.address]),
    );
    expect(new Set(examinerUpstreams.documents.map((d) => d.upstream))).toEqual(
      new Set([a.address]),
    );
    expect(new Set(presidentUpstreams.websockets.map((s) => s.upstream))).toEqual(
      new Set([b.address]),
    );
    expect(new Set(presidentUpstreams.documents.map((d) => d.upstream))).toEqual(
      new Set([b.address]),
    );

    // Keyboard first: type, Tab to the next unit, type, Enter.
    const u41 = examiner.getByTestId('mark-02700001-U41');
    await u41.fill('14,5');
    await u41.press('Tab');
    await examiner.getByTestId('mark-02700001-U42').fill('12');
    await examiner.getByTestId('mark-02700001-U42').press('Enter');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    await expect
      .poll(() => president.getByTestId('entry-02700001-U41').textContent(), { timeout: 10_000 })
      .toMatch(/14,5/);
    await expect
      .poll(() => president.getByTestId('entry-02700001-U42').textContent())
      .toMatch(/12/);

    // The board still sees marks after its first ones: a second candidate, the other way.
    await typeMark(examiner, 'mark-02700002-U41', '9');
    await expect
      .poll(() => president.getByTestId('entry-02700002-U41').textContent(), { timeout: 10_000 })
      .toMatch(/9/);
    // Presence crosses processes through socket.io's Redis adapter.
    await expect
      .poll(() => president.getByTestId('presence-panel').textContent(), { timeout: 10_000 })
      .toMatch(/Julie Bernard/);
    await screenshot(president, 'president-board-on-b');
    await screenshot(examiner, 'examiner-room-on-a');
  });

  it('a session opened through one process is good on the other (round-robin)', async () => {
    const { a, b, nginx } = journey.deployment;
    const member = await (await newPerson(journey.browser)).newPage();
    await signInToBoard(member, nginx.urls.roundRobin, 'presidente');
    await expect.poll(() => member.getByTestId('row-02700001').isVisible()).toBe(true);

    // Round-robin alternates: a few requests with that one session reach both processes,
    // and every one of them knows who is asking.
    const answeredBy = new Set<string>();
    for (let request = 0; request < 6; request++) {
      const me = await member.request.get(`${nginx.urls.roundRobin}/api/me`);
      expect(me.status()).toBe(200);
      expect(JSON.stringify(await me.json())).toMatch(/presidente/);
      answeredBy.add(me.headers()['x-delib-upstream'] ?? '');
    }
    expect(answeredBy).toEqual(new Set([a.address, b.address]));

    await member.reload();
    await expect.poll(() => member.getByTestId('row-02700001').isVisible()).toBe(true);
    expect(member.url()).toMatch(/\/jury\/\d+/);
  });
});
