// A guide with a YouTube clip in a real browser (Debian's Chromium through
// playwright-core): every request is logged; nothing may go to a video host
// (YouTube, its image and Google hosts, Vimeo) before the resident taps the
// clip, and the page weighs what the same guide without a clip weighs plus
// its title card and a little markup. After the tap the privacy-mode player
// is asked for (the request is blocked here: the test runs offline).
//
//   cd tests/browser && npm ci && node --test video.test.mjs
//
// Environment: LOA_BIN (a loa binary; default: the release build, else the
// debug one, wherever CARGO_TARGET_DIR says), LOA_CHROMIUM.
// Prints the page weights as "bench:" lines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, cpSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const TARGET = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : resolve(HERE, '../../target');
const LOA_BIN =
  process.env.LOA_BIN && existsSync(process.env.LOA_BIN)
    ? resolve(process.env.LOA_BIN)
    : [join(TARGET, 'release/loa'), join(TARGET, 'debug/loa')].find(existsSync);
const CHROMIUM = process.env.LOA_CHROMIUM || '/usr/bin/chromium';
const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be|ytimg\.com|googlevideo\.com|google\.com|gstatic\.com|doubleclick\.net|vimeo\.com|vimeocdn\.com)$/;
const PLAYER = 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0';
// What the clip may add to the page before the tap besides its title card:
// the figure, its caption and the script that swaps in the player.
const MARKUP_ALLOWANCE = 2048;

const guide = (video) =>
  `---\ntitle: "Kích hoạt tài khoản định danh điện tử"\ndescription: "Các bước kích hoạt."\n${video}---\n` +
  '## Các bước\n\n1. Mở ứng dụng VNeID.\n2. Chọn kích hoạt.\n';

let dir, site, browser;

before(async () => {
  assert.ok(LOA_BIN, 'no loa binary: cargo build first, or set LOA_BIN');
  dir = mkdtempSync(join(tmpdir(), 'loa-video-'));
  cpSync(resolve(HERE, '../fixtures/base'), dir, { recursive: true });
  writeFileSync(join(dir, 'content/vneid/co-video.md'), guide('video:\n  url: "https://youtu.be/dQw4w9WgXcQ"\n  duration: "3:25"\n'));
  writeFileSync(join(dir, 'content/vneid/khong-video.md'), guide(''));
  execFileSync(LOA_BIN, ['build', '--root', dir, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  site = await serve(join(dir, 'output'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens `path` on a phone-sized page; logs every request and the bytes each response took on the wire. */
async function open(path) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const log = { requests: [], bytes: 0, pending: [] };
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('requestfinished', (request) =>
    log.pending.push(request.sizes().then((s) => (log.bytes += s.responseBodySize + s.responseHeadersSize))),
  );
  // Offline: a video host's answer is never fetched, only asked for.
  await context.route((url) => VIDEO_HOSTS.test(url.hostname), (route) => route.abort('blockedbyclient'));
  await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  await Promise.all(log.pending);
  return { context, page, log };
}

const toHost = (url) => new URL(url).hostname;

test('a YouTube clip loads nothing from a video host until it is tapped', async () => {
  const { context, page, log } = await open('vneid/co-video/');
  try {
    const before = log.requests.filter((u) => VIDEO_HOSTS.test(toHost(u)));
    assert.deepEqual(before, [], 'requests to a video host before the tap');
    assert.equal(await page.locator('iframe').count(), 0);
    assert.ok(log.requests.some((u) => u.endsWith('/posters/vneid/co-video/video.webp')), 'the title card is the picture');

    // The page weighs what the same guide without a clip weighs, plus its
    // title card and the figure's markup.
    const plain = await open('vneid/khong-video/');
    await plain.context.close();
    const card = statSync(join(dir, 'output/posters/vneid/co-video/video.webp')).size;
    console.log(`bench: guide without clip ${plain.log.bytes} B; with YouTube clip before the tap ${log.bytes} B (title card ${card} B)`);
    assert.ok(log.bytes <= plain.log.bytes + card + MARKUP_ALLOWANCE, `${log.bytes} B > ${plain.log.bytes} + ${card} + ${MARKUP_ALLOWANCE}`);
    // Waiting does not change it: nothing loads behind the resident's back.
    const settled = log.requests.length;
    await page.waitForTimeout(500);
    assert.equal(log.requests.length, settled);

    await page.locator('.video-tap').click();
    const frame = page.locator('figure.video iframe');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('src'), PLAYER);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('youtube-nocookie.com')), null, { timeout: 5000 }).catch(() => {});
    const after = log.requests.filter((u) => VIDEO_HOSTS.test(toHost(u)));
    assert.ok(after.length > 0 && after.every((u) => toHost(u) === 'www.youtube-nocookie.com'), `after the tap: ${after}`);
    console.log(`bench: after the tap, asked ${after.join(', ')}`);
  } finally {
    await context.close();
  }
});

test('without JavaScript the clip is a link to its page on YouTube', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await context.route((url) => VIDEO_HOSTS.test(url.hostname), (route) => route.abort('blockedbyclient'));
    await page.goto(`${site.url}vneid/co-video/`, { waitUntil: 'networkidle' });
    assert.equal(await page.locator('a.video-tap').getAttribute('href'), 'https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    assert.deepEqual(requests.filter((u) => VIDEO_HOSTS.test(toHost(u))), []);
  } finally {
    await context.close();
  }
});
