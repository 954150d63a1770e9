// The waiting-room screen (man-hinh/) in a real browser (Debian's Chromium
// through playwright-core): it loads and runs with no request outside the
// site, advances on its own, pauses and steps on the officer's keys, keeps
// going offline, and every slide's title and steps fit a 1920 × 1080 screen.
//
//   cd tests/browser && npm ci && node --test screen.test.mjs
//
// Environment: LOA_OUTPUT (built sample site, default ../../output),
// LOA_CHROMIUM (default /usr/bin/chromium), LOA_SCREENSHOT (a PNG path: a
// picture of the first slide as the browser draws it).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUTPUT = process.env.LOA_OUTPUT ? resolve(process.env.LOA_OUTPUT) : resolve(HERE, '../../output');
const CHROMIUM = process.env.LOA_CHROMIUM || '/usr/bin/chromium';
const PAGE = 'man-hinh/index.html';

describe('the waiting-room screen of the sample site', () => {
  let site;
  let context;
  let page;
  let profile;
  const requests = [];
  const failed = [];

  before(async () => {
    assert.ok(existsSync(join(OUTPUT, PAGE)), `${OUTPUT}/${PAGE} is missing: build the site (LOA_OUTPUT)`);
    site = await serve(OUTPUT);
    profile = mkdtempSync(join(tmpdir(), 'loa-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1920, height: 1080 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    context.on('request', (r) => requests.push(r.url()));
    context.on('requestfailed', (r) => failed.push(r.url()));
    page = await context.newPage();
    // One second a slide (?giay=1) so that the test sees it advance.
    await page.goto(`${site.url}man-hinh/?giay=1`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.loaScreen);
  });
  after(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await site?.close();
  });

  test('makes no request outside the site, and only for the page itself', async () => {
    await page.waitForTimeout(1500);
    const origin = new URL(site.url).origin;
    const network = requests.filter((u) => !u.startsWith('data:'));
    const outside = network.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(outside, [], `requests outside ${origin}`);
    assert.deepEqual(network, [`${site.url}man-hinh/?giay=1`], 'the page is the only file it needs');
    assert.deepEqual(failed, []);
    console.log(`bench: man-hinh/index.html ${(statSync(join(OUTPUT, PAGE)).size / 1024).toFixed(1)} KB, ${network.length} request(s)`);
  });

  test('advances on its own, then keeps going offline', async () => {
    const count = await page.evaluate(() => window.loaScreen.count);
    assert.ok(count > 1, `${count} slides`);
    const start = await page.evaluate(() => window.loaScreen.current());
    await page.waitForFunction((s) => window.loaScreen.current() !== s, start, { timeout: 4000 });
    await context.setOffline(true);
    const now = await page.evaluate(() => window.loaScreen.current());
    await page.waitForFunction((s) => window.loaScreen.current() !== s, now, { timeout: 4000 });
    const visible = await page.$$eval('.slide', (all) => all.filter((s) => !s.hidden).length);
    assert.equal(visible, 1, 'one slide at a time');
    await context.setOffline(false);
  });

  test('space pauses and resumes; arrows step', async () => {
    await page.keyboard.press('Space');
    const held = await page.evaluate(() => window.loaScreen.current());
    assert.equal(await page.isVisible('#tam-dung'), true, 'the pause is shown');
    await page.waitForTimeout(2500);
    assert.equal(await page.evaluate(() => window.loaScreen.current()), held, 'paused');
    await page.keyboard.press('ArrowRight');
    const count = await page.evaluate(() => window.loaScreen.count);
    assert.equal(await page.evaluate(() => window.loaScreen.current()), (held % count) + 1);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => window.loaScreen.current()), held);
    assert.equal(await page.textContent('#dem'), `${held}/${count}`);
    await page.keyboard.press('Space');
    assert.equal(await page.isVisible('#tam-dung'), false);
  });

  test('every slide fits 1920 × 1080: title, steps and code on the screen', async () => {
    await page.keyboard.press('Space');
    await page.keyboard.press('Home');
    const count = await page.evaluate(() => window.loaScreen.count);
    const problems = [];
    for (let i = 1; i <= count; i++) {
      const state = await page.evaluate(() => {
        const slide = document.querySelector('.slide:not([hidden])');
        const fits = (el) => el.scrollHeight <= el.clientHeight + 1;
        const qr = slide.querySelector('.qr').getBoundingClientRect();
        const address = slide.querySelector('.address').getBoundingClientRect();
        return {
          n: slide.dataset.number,
          title: fits(slide.querySelector('.title')),
          steps: fits(slide.querySelector('.steps')),
          shown: slide.querySelectorAll('.steps li:not([hidden])').length,
          inside: qr.top >= 0 && address.bottom <= innerHeight && qr.right <= innerWidth,
        };
      });
      if (!state.title || !state.steps || !state.inside || state.shown < 1) problems.push(JSON.stringify(state));
      if (i === 1 && process.env.LOA_SCREENSHOT) await page.screenshot({ path: process.env.LOA_SCREENSHOT });
      await page.keyboard.press('ArrowRight');
    }
    assert.deepEqual(problems, []);
  });
});
