import { describe, expect, it } from 'vitest';
import { newPerson, recordSocketCloses, screenshot } from './support/browser.js';
import { lockConfirmingEveryone, useTwoProcessDeploymentAndBrowser } from './support/journey.js';
import { watchUpstreams } from './support/nginx.js';
import { typeMark } from './support/room-steps.js';
import { signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/**
 * Journey across processes: the president locks the jury through process B. The examiner's
 * open room on process A turns read-only at once; a mark another examiner of the room typed
 * offline, delivered to A after the lock, is refused (close 4409) and the page says so.
 */
describe('a lock through B refuses writes on A', () => {
  const journey = useTwoProcessDeploymentAndBrowser();

  it('turns the room on A read-only and refuses the write A receives later', async () => {
    const { a, b, nginx } = journey.deployment;

    const examiner = await (await newPerson(journey.browser, { tablet: true })).newPage();
    const examinerUpstreams = await watchUpstreams(examiner);
    await signInToRoom(examiner, nginx.urls.preferA, 'e4.enseignante');
    await typeMark(examiner, 'mark-02700002-U41', '11');
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Enregistré/);

    // The room's other examiner, also on A, loses the network and types a mark meanwhile.
    const colleagueContext = await newPerson(journey.browser, { tablet: true });
    const colleague = await colleagueContext.newPage();
    const colleagueUpstreams = await watchUpstreams(colleague);
    const colleagueCloses = await recordSocketCloses(colleague);
    await signInToRoom(colleague, nginx.urls.preferA, 'e4.professionnel');
    const colleagueBadge = colleague.getByTestId('save-state');
    await expect.poll(() => colleagueBadge.textContent()).toMatch(/Enregistré/);
    await colleagueContext.setOffline(true);
    // Playwright's offline may keep the socket a few seconds: the page notices when its sync
    // requests go unanswered.
    await expect
      .poll(() => colleagueBadge.textContent(), { timeout: 30_000 })
      .toMatch(/Hors ligne/);
    await typeMark(colleague, 'mark-02700003-U42', '8,5');
    await expect
      .poll(() => colleagueBadge.textContent())
      .toMatch(/Hors ligne – 1 saisie en attente/);

    // The president locks through B.
    const president = await (await newPerson(journey.browser)).newPage();
    const presidentUpstreams = await watchUpstreams(president);
    const juryId = await signInToBoard(president, nginx.urls.preferB, 'presidente');
    // The lock's requests are answered by B.
    const asked = await president.request.post(`${nginx.urls.preferB}/api/juries/${juryId}/lock`, {
      data: {},
      headers: { origin: nginx.urls.preferB },
    });
    expect([asked.status(), asked.headers()['x-delib-upstream']]).toEqual([409, b.address]);
    expect(await lockConfirmingEveryone(president, nginx.urls.preferB, juryId)).toEqual([409, 201]);

    // The examiner's open room on A turns read-only and says why.
    await expect
      .poll(() => examiner.getByTestId('room-locked').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await expect
      .poll(() => examiner.getByTestId('room-locked').textContent())
      .toMatch(/verrouill/i);
    await expect.poll(() => examiner.getByTestId('mark-02700004-U41').isDisabled()).toBe(true);
    await expect.poll(() => examiner.getByTestId('save-state').textContent()).toMatch(/Verrouillé/);

    // The colleague's network returns: the pending mark reaches A, which refuses it.
    await colleagueContext.setOffline(false);
    await expect
      .poll(() => colleague.getByTestId('refused-02700003-U42').isVisible(), { timeout: 30_000 })
      .toBe(true);
    expect(await colleague.getByTestId('refused-entries').textContent()).toMatch(
      /Saisies refusées \(jury verrouillé\)/,
    );
    await expect.poll(() => colleague.getByTestId('room-locked').isVisible()).toBe(true);
    await expect.poll(() => colleagueBadge.textContent()).toMatch(/Verrouillé/);
    await expect.poll(() => colleague.getByTestId('mark-02700003-U42').inputValue()).toBe('');
    // A closed the colleague's socket with the lock's code.
    expect((await colleagueCloses()).map((close) => close.code)).toContain(4409);

    // Every socket of the two examiners went to A (the colleague's reconnection included),
    // every one of the president's to B.
    const upstreamsOf = (seen: typeof examinerUpstreams) =>
      new Set([...seen.websockets, ...seen.documents].map((entry) => entry.upstream));
    expect(colleagueUpstreams.websockets.length).toBeGreaterThan(1);
    expect(upstreamsOf(examinerUpstreams)).toEqual(new Set([a.address]));
    expect(upstreamsOf(colleagueUpstreams)).toEqual(new Set([a.address]));
    expect(upstreamsOf(presidentUpstreams)).toEqual(new Set([b.address]));

    // Nothing of the refused mark was stored; the mark typed before the lock was.
    const stored = await journey.deployment.query<{ number: string; unit: string }>(
      `SELECT c.number, a.unit FROM audit_log a JOIN candidates c ON c.id = a.candidate_id
       WHERE a.document LIKE 'commission/%' AND a.unit IS NOT NULL`,
    );
    expect(stored).toContainEqual({ number: '02700002', unit: 'U41' });
    expect(stored).not.toContainEqual({ number: '02700003', unit: 'U42' });
    await screenshot(examiner, 'examiner-on-a-after-lock-on-b');
    await screenshot(colleague, 'examiner-on-a-refused-after-lock-on-b');
  });
});
