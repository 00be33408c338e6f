import { describe, expect, it } from 'vitest';
import { newPerson, screenshot } from './support/browser.js';
import { useTwoProcessDeploymentAndBrowser } from './support/journey.js';
import { watchUpstreams } from './support/nginx.js';
import { typeMark } from './support/room-steps.js';
import { signInToBoard, signInToRoom } from './support/sign-in-steps.js';

/** Candidate number, unit, what the examiner types, and how the board shows it. */
type Mark = [string, string, string, RegExp];

const ACKNOWLEDGED_FIRST: Mark[] = [
  ['02700005', 'U41', '12', /^\s*12\s*$/],
  ['02700005', 'U42', '13,5', /13,5/],
  ['02700006', 'U41', '7', /^\s*7\s*$/],
  ['02700006', 'U42', '15', /^\s*15\s*$/],
];
const TYPED_AROUND_THE_KILL: Mark[] = [
  ['02700007', 'U41', '16,5', /16,5/],
  ['02700007', 'U42', '10', /^\s*10\s*$/],
  ['02700008', 'U41', '8,5', /8,5/],
  ['02700008', 'U42', '11', /^\s*11\s*$/],
  ['02700010', 'U41', '19', /^\s*19\s*$/],
  ['02700010', 'U42', '6,5', /6,5/],
];

/**
 * Journey across processes: process A, which holds the examiner's room, is killed (`kill -9`)
 * while she types. Every mark her page had shown as saved was committed by A before it died;
 * the page reconnects through nginx to B by itself and delivers what was pending; in the end
 * every mark she typed is on the president's board (served by B) and in PostgreSQL.
 */
describe('a killed process loses no acknowledged mark', () => {
  const journey = useTwoProcessDeploymentAndBrowser();

  it('the examiner’s page moves to B and delivers what A had not acknowledged', async () => {
    const { a, b, nginx } = journey.deployment;

    const president = await (await newPerson(journey.browser)).newPage();
    await signInToBoard(president, nginx.urls.preferB, 'presidente');
    await expect.poll(() => president.getByTestId('row-02700005').isVisible()).toBe(true);

    const examiner = await (await newPerson(journey.browser, { tablet: true })).newPage();
    const examinerUpstreams = await watchUpstreams(examiner);
    await signInToRoom(examiner, nginx.urls.preferA, 'e4.enseignante');
    const badge = examiner.getByTestId('save-state');
    await expect.poll(() => badge.textContent()).toMatch(/Enregistré/);
    expect(new Set(examinerUpstreams.websockets.map((s) => s.upstream))).toEqual(
      new Set([a.address]),
    );

    // Keyboard like a real examiner: type, Enter, next candidate.
    const type = ([number, unit, text]: Mark): Promise<void> =>
      typeMark(examiner, `mark-${number}-${unit}`, text);
    for (const mark of ACKNOWLEDGED_FIRST) await type(mark);
    await expect.poll(() => badge.textContent()).toMatch(/Enregistré/);
    const acknowledged = [...ACKNOWLEDGED_FIRST];

    // She goes on typing; A dies under her after the second of these marks.
    let killedAt = '';
    for (const [index, mark] of TYPED_AROUND_THE_KILL.entries()) {
      await type(mark);
      if (index === 1) {
        if (/Enregistré/.test((await badge.textContent()) ?? '')) {
          acknowledged.push(...TYPED_AROUND_THE_KILL.slice(0, 2));
        }
        killedAt = new Date().toISOString();
        await journey.deployment.killHard(a);
      }
    }

    // The page reconnects through the same nginx listener, now to B, and delivers the rest.
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toMatch(/Enregistré/);
    const upstreamsAfterKill = examinerUpstreams.websockets
      .filter((socket) => socket.url.includes('/sync'))
      .map((socket) => socket.upstream);
    // nginx tried A first (refused), then B: `$upstream_addr` lists both, B last.
    expect(upstreamsAfterKill.at(-1)?.endsWith(b.address)).toBe(true);

    const typed = [...ACKNOWLEDGED_FIRST, ...TYPED_AROUND_THE_KILL];
    for (const [number, unit, , shown] of typed) {
      await expect
        .poll(() => president.getByTestId(`entry-${number}-${unit}`).textContent(), {
          timeout: 10_000,
        })
        .toMatch(shown);
    }

    // PostgreSQL holds every typed mark; each one acknowledged before the kill was
    // committed by A, before it died (not delivered again afterwards).
    const stored = await journey.deployment.query<{
      number: string;
      unit: string;
      at: string;
      after: string;
    }>(
      `SELECT c.number, a.unit, a.at, a.after FROM audit_log a
       JOIN candidates c ON c.id = a.candidate_id
       WHERE a.document LIKE 'commission/%' AND a.unit IS NOT NULL ORDER BY a.id`,
    );
    const lastStored = (number: string, unit: string) =>
      stored.filter((row) => row.number === number && row.unit === unit).at(-1);
    for (const [number, unit, text] of typed) {
      expect(JSON.parse(lastStored(number, unit)?.after ?? 'null'), `${number} ${unit}`).toEqual({
        mark: Number(text.replace(',', '.')),
      });
    }
    for (const [number, unit] of acknowledged) {
      const first = stored.find((row) => row.number === number && row.unit === unit);
      expect(
        first !== undefined && first.at < killedAt,
        `${number} ${unit} enregistrée par A avant son arrêt`,
      ).toBe(true);
    }
    await screenshot(examiner, 'examiner-after-kill-of-a');
    await screenshot(president, 'president-board-after-kill-of-a');
  });
});
