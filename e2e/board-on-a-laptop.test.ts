import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { newPerson, screenshot } from './support/browser.js';
import { lockConfirmingEveryone, useAppAndBrowser } from './support/journey.js';
import { signInToAdmin, signInToBoard } from './support/sign-in-steps.js';

/** Left and right edges of an element on screen. */
async function edges(locator: Locator): Promise<{ left: number; right: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('élément invisible');
  return { left: box.x, right: box.x + box.width };
}

/** The element a person sees at the centre of `locator` lies inside it: nothing covers it. */
function onTop(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const seen = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return seen !== null && element.contains(seen);
  });
}

/** The element lies wholly on a screen `width` × `height` and nothing covers its centre. */
async function inView(locator: Locator, width: number, height: number): Promise<boolean> {
  const box = await locator.boundingBox();
  if (!box) return false;
  const within =
    box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
  return within && (await onTop(locator));
}

/** Waits until neither the page nor the board's frame moves any more (a wheel's notch ends). */
async function scrollingEnded(page: Page): Promise<void> {
  let previous = '';
  await expect
    .poll(
      async () => {
        const now = await page.evaluate(() => {
          const frame = document.querySelector('[data-testid="board-scroll"]');
          return `${window.scrollY} ${frame?.scrollTop ?? 0}`;
        });
        const still = now === previous;
        previous = now;
        return still;
      },
      { interval: 150 },
    )
    .toBe(true);
}

/**
 * Journey: a president deliberates on a laptop. At 1366×768 and 1440×900 the units scroll
 * sideways inside the table's frame while the candidate, the average and the decision stay in
 * view; the column headings stay on screen down to the last candidate; at 1024×768 and on a
 * tablet only the frame scrolls sideways, never the page; the first Tab stop leads to the
 * table; the centre reaches each jury's board and PV from its admin pages.
 */
describe('the board fits a laptop', () => {
  const journey = useAppAndBrowser();

  async function boardAt(width: number, height: number): Promise<Page> {
    const page = await (await newPerson(journey.browser)).newPage();
    await page.setViewportSize({ width, height });
    await signInToBoard(page, journey.app.url, 'presidente');
    await expect.poll(() => page.getByTestId('row-02700001').isVisible()).toBe(true);
    return page;
  }

  it('keeps the candidate and the decision in view at 1366×768, reached by the skip link', async () => {
    const page = await boardAt(1366, 768);

    // The first Tab stop of the page is the skip link; it moves the focus to the table.
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    await expect.poll(() => skip.evaluate((link) => link === document.activeElement)).toBe(true);
    expect(await skip.textContent()).toBe('Aller au tableau');
    expect(await onTop(skip)).toBe(true);
    await page.keyboard.press('Enter');
    const table = page.getByTestId('board-scroll');
    await expect.poll(() => table.evaluate((frame) => frame === document.activeElement)).toBe(true);
    await page.screenshot({ path: '/tmp/board-room-board-1366.png' });
    await screenshot(page, 'board-1366');

    // The units do not fit: the frame scrolls sideways, not the page.
    const overflow = await table.evaluate((frame) => frame.scrollWidth - frame.clientWidth);
    expect(overflow).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1366,
    );

    const name = page.getByTestId('open-candidate-02700001');
    const decision = page.getByTestId('decision-02700001');
    const header = page.getByTestId('sort-decision');
    // The average, the figure a president reads first, and the total are in view without
    // scrolling the frame.
    expect(await table.evaluate((frame) => frame.scrollLeft)).toBe(0);
    for (const figure of ['sort-average', 'average-02700001', 'total-02700001']) {
      expect(await inView(page.getByTestId(figure), 1366, 768), figure).toBe(true);
    }
    for (const element of [name, decision, header]) {
      const { left, right } = await edges(element);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(1366);
      expect(await onTop(element)).toBe(true);
    }
    const nameBefore = await edges(name);
    const decisionBefore = await edges(decision);

    // The arrows scroll the focused frame; at the far right the name and the decision have
    // not moved, and the units that slid under them do not show through.
    await page.keyboard.press('ArrowRight');
    await table.evaluate((frame) => (frame.scrollLeft = frame.scrollWidth));
    await expect.poll(() => table.evaluate((frame) => frame.scrollLeft)).toBeGreaterThan(0);
    expect(await edges(name)).toEqual(nameBefore);
    expect(await edges(decision)).toEqual(decisionBefore);
    for (const element of [
      name,
      decision,
      header,
      page.getByTestId('row-02700001').locator('td').first(),
    ]) {
      expect(await onTop(element)).toBe(true);
    }
    const backgrounds = await page
      .getByTestId('row-02700001')
      .evaluate((row) =>
        [row.querySelector('td'), row.querySelector('th'), row.lastElementChild].map(
          (cell) => getComputedStyle(cell as Element).backgroundColor,
        ),
      );
    for (const colour of backgrounds) expect(colour).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    await page.screenshot({ path: '/tmp/board-room-board-1366-scrolled.png' });
  });

  it('keeps the column headings on screen while the president reads down to the last candidate', async () => {
    const page = await boardAt(1366, 768);
    const headings = page.getByTestId('board').locator('thead th');
    const last = page.getByTestId('open-candidate-02700024');

    // The wheel, the pointer in the middle of the screen, notch by notch, until the last
    // candidate is wholly in view: the page, then the board, scroll under the pointer.
    await page.mouse.move(683, 400);
    for (let notch = 0; notch < 100 && !(await inView(last, 1366, 768)); notch++) {
      await page.mouse.wheel(0, 60);
      await scrollingEnded(page);
    }
    expect(await inView(last, 1366, 768)).toBe(true);
    // Every heading (the cells stick, not their row) is on screen, and the sorting ones on top.
    const tops = await headings.evaluateAll((cells) =>
      cells.map((cell) => {
        const box = cell.getBoundingClientRect();
        return [box.top, box.bottom];
      }),
    );
    for (const [top, bottom] of tops) {
      expect(top).toBeGreaterThanOrEqual(0);
      expect(bottom).toBeLessThanOrEqual(768);
    }
    for (const heading of ['sort-name', 'sort-average', 'sort-decision']) {
      expect(await inView(page.getByTestId(heading), 1366, 768), heading).toBe(true);
    }
    await page.screenshot({ path: '/tmp/board-room-board-1366-last-candidate.png' });

    // An absent candidate has no professional average on the board, as on the signed PV.
    expect(await page.getByTestId('decision-02700009').textContent()).toMatch(/Absent/);
    expect((await page.getByTestId('professional-average-02700009').textContent())?.trim()).toBe(
      '—',
    );
  });

  it('scrolls only the frame sideways at 1024×768 and on a tablet, headings kept by the keyboard', async () => {
    const page = await boardAt(1024, 768);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1024,
    );
    const table = page.getByTestId('board-scroll');
    expect(await table.evaluate((frame) => frame.scrollWidth - frame.clientWidth)).toBeGreaterThan(
      0,
    );

    // The skip link, then End: the focused frame shows its last candidate under its headings.
    await page.getByTestId('skip-link').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => table.evaluate((frame) => frame === document.activeElement)).toBe(true);
    expect(await inView(page.getByTestId('average-02700001'), 1024, 768)).toBe(true);
    await page.keyboard.press('End');
    const last = page.getByTestId('open-candidate-02700024');
    await expect.poll(() => inView(last, 1024, 768)).toBe(true);
    await scrollingEnded(page);
    for (const heading of ['sort-name', 'sort-average', 'sort-decision']) {
      expect(await inView(page.getByTestId(heading), 1024, 768), heading).toBe(true);
    }
    await page.screenshot({ path: '/tmp/board-room-board-1024-last-candidate.png' });

    const tablet = await (await newPerson(journey.browser, { tablet: true })).newPage();
    await tablet.setViewportSize({ width: 768, height: 1024 });
    await signInToBoard(tablet, journey.app.url, 'presidente');
    await expect.poll(() => tablet.getByTestId('row-02700001').isVisible()).toBe(true);
    expect(await tablet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
    // Upright, the number goes under the name: the three figures stay in view beside the
    // name and the decision (the sticky columns used to leave ~230 px, the total cut).
    await tablet.getByTestId('board-scroll').scrollIntoViewIfNeeded();
    for (const figure of [
      'average-02700001',
      'total-02700001',
      'professional-average-02700001',
      'decision-02700001',
    ]) {
      expect(await inView(tablet.getByTestId(figure), 768, 1024), figure).toBe(true);
    }
    expect(await tablet.getByTestId('row-02700001').textContent()).toContain('02700001');
    await tablet.screenshot({ path: '/tmp/board-room-board-tablet.png', fullPage: true });
  });

  it('keeps them in view at 1440×900', async () => {
    const page = await boardAt(1440, 900);
    await page.getByTestId('skip-link').focus();
    await page.keyboard.press('Enter');
    for (const testId of ['open-candidate-02700024', 'decision-02700024', 'sort-decision']) {
      const { left, right } = await edges(page.getByTestId(testId));
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(1440);
    }
    await page.screenshot({ path: '/tmp/board-room-board-1440.png' });
    await screenshot(page, 'board-1440');
  });

  it('lets the centre open each jury’s board, and its PV once locked', async () => {
    const admin = await (await newPerson(journey.browser)).newPage();
    await admin.setViewportSize({ width: 1366, height: 768 });
    await signInToAdmin(admin, journey.app.url, 'admin');
    await admin.locator('[data-testid^="admin-session-link-"]').first().click();
    await admin.waitForURL(/\/admin\/sessions\/\d+/);
    const boardLink = admin.locator('[data-testid^="admin-board-link-"]').first();
    await boardLink.waitFor();
    // No PV before the lock.
    expect(await admin.locator('[data-testid^="admin-minute-link-"]').count()).toBe(0);
    const sessionPage = admin.url();
    await boardLink.click();
    await admin.waitForURL(/\/jury\/(\d+)$/);
    const juryId = /\/jury\/(\d+)$/.exec(admin.url())?.[1] as string;
    await expect.poll(() => admin.getByTestId('row-02700001').isVisible()).toBe(true);
    // Read-only for the centre: no lock, no attendance to tick.
    expect(await admin.getByRole('button', { name: /Verrouiller/ }).count()).toBe(0);

    const president = await boardAt(1366, 768);
    expect(await lockConfirmingEveryone(president, journey.app.url, juryId)).toEqual([409, 201]);

    // The jury's own admin page links to both as well.
    await admin.goto(sessionPage);
    await admin.getByTestId(`admin-jury-link-${juryId}`).click();
    await admin.waitForURL(/\/admin\/juries\/\d+/);
    expect(await admin.getByTestId(`admin-board-link-${juryId}`).getAttribute('href')).toBe(
      `/jury/${juryId}`,
    );
    await admin.getByTestId(`admin-minute-link-${juryId}`).click();
    await admin.waitForURL(new RegExp(`/jury/${juryId}#proces-verbal$`));
    const panel = admin.getByTestId('minute-panel');
    await expect
      .poll(() => panel.evaluate((section) => section === document.activeElement), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await admin.getByTestId('download-minute').isVisible()).toBe(true);
    await admin.screenshot({ path: '/tmp/board-room-admin-minute.png' });
  });
});
