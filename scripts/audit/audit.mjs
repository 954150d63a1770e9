// Audits a built loa site: Lighthouse (mobile), axe-core, html-validate and
// page weights, in Debian's Chromium, against a local server on 127.0.0.1.
// Run through ../audit.sh, which says how to set it up.
//
//   node audit.mjs OUTPUT [PATH ...]
//
// PATHs are pages relative to the site root (default: the home page, a
// section list, a page of it, and tim-kiem/). Environment: LOA_CHROMIUM
// (default /usr/bin/chromium), LOA_AUDIT_RUNS (Lighthouse runs per page,
// median performance kept; default 3). Exits 1 when a target is missed.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { HtmlValidate } from 'html-validate';
import { serve } from '../../tests/browser/serve.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.LOA_CHROMIUM || '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.LOA_AUDIT_RUNS || 3));
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TARGET = { performance: 0.98, accessibility: 1, 'best-practices': 1, seo: 1, typicalKB: 30, largestKB: 60 };
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const kb = (bytes) => (bytes / 1024).toFixed(1);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const misses = [];
const miss = (text) => misses.push(text);

/** Every file under dir, as paths relative to it with '/' separators. */
function walk(dir, root = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path, root) : [relative(root, path).split(sep).join('/')];
  });
}

const isRedirect = (html) => /<meta http-equiv="refresh"/i.test(html);

/** Default pages: home, a section list, the first page it lists, search. */
function defaultPages(output, base) {
  const home = readFileSync(join(output, 'index.html'), 'utf8');
  const nav = (home.match(/<nav aria-label="Các mục chính">([\s\S]*?)<\/nav>/) || ['', ''])[1];
  const sections = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1].slice(base.length));
  const section = sections.includes('dich-vu-cong/') ? 'dich-vu-cong/' : sections[0];
  const pages = ['', section];
  const list = readFileSync(join(output, section, 'index.html'), 'utf8');
  const main = (list.match(/<main[\s\S]*<\/main>/) || [''])[0];
  const child = [...main.matchAll(/href="([^"#]+)"/g)]
    .map((m) => m[1].slice(base.length))
    .find((p) => p.startsWith(section) && p !== section);
  if (child) pages.push(child);
  pages.push('tim-kiem/');
  return pages;
}

/** HTML+CSS+JS gzip bytes of every real page (redirect stubs left out). */
function pageWeights(output, base, files) {
  const cache = new Map();
  const asset = (href) => {
    if (!href.startsWith(base)) return 0;
    const path = join(output, href.slice(base.length).split('?')[0]);
    if (!cache.has(path)) {
      try {
        cache.set(path, gz(readFileSync(path)));
      } catch {
        cache.set(path, 0);
      }
    }
    return cache.get(path);
  };
  const out = [];
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(output, file));
    const text = html.toString('utf8');
    if (isRedirect(text)) continue;
    let bytes = gz(html);
    for (const m of text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"|<script[^>]+src="([^"]+)"/g)) {
      bytes += asset(m[1] || m[2]);
    }
    const path = file.replace(/index\.html$/, '');
    out.push({ path, bytes, guide: /^[^/]+\/[^/]+\/$/.test(path) && !path.startsWith('chu-de/') });
  }
  return out;
}

function validate(output, files) {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  const problems = [];
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const report = validator.validateStringSync(readFileSync(join(output, file), 'utf8'), file);
    for (const r of report.results) {
      for (const m of r.messages) {
        problems.push({ file, line: m.line, column: m.column, rule: m.ruleId, severity: m.severity, text: m.message });
      }
    }
  }
  return problems;
}

/** Audits that cost points (or nearly): id, score, what it says and what it found. */
function failing(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0 || lhr.audits[ref.id].score < 0.9)
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
    .map((a) => {
      const items = (a.details && a.details.items) || [];
      const where = items
        .slice(0, 5)
        .map((i) => {
          const node = i.node && (i.node.snippet || i.node.selector);
          const url = i.url || (i.sourceLocation && i.sourceLocation.url);
          return [node, url, i.description].filter(Boolean).join(' ');
        })
        .filter(Boolean);
      return { id: a.id, score: a.score, title: a.title, value: a.displayValue || '', where };
    });
}

async function runLighthouse(url, port) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    runs.push(result.lhr);
  }
  const perfScores = runs.map((r) => r.categories.performance.score);
  const median = [...runs].sort((a, b) => a.categories.performance.score - b.categories.performance.score)[
    runs.length >> 1
  ];
  // Performance: the median run. The other categories: the worst run, since a
  // problem seen once (say a 404 on the first visit only) is still a problem.
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [
      c,
      c === 'performance' ? median.categories[c].score : Math.min(...runs.map((r) => r.categories[c].score)),
    ]),
  );
  return { lhr: median, runs, scores, perfScores };
}

async function runAxe(browser, url) {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 412, height: 823, isMobile: true, hasTouch: true });
    await page.goto(url, { waitUntil: 'networkidle0' });
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.html),
    }));
  } finally {
    await page.close();
  }
}

async function main() {
  const output = resolve(process.argv[2] || 'output');
  const site = await serve(output);
  const files = walk(output);
  const pages = process.argv.length > 3 ? process.argv.slice(3) : defaultPages(output, site.base);
  console.log(`Auditing ${output} at ${site.url} (Chromium ${CHROMIUM}, ${RUNS} Lighthouse run(s) per page)\n`);

  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const weights = pageWeights(output, site.base, files);
  const weightOf = (path) => weights.find((w) => w.path === path.split('?')[0]);
  const rows = [];
  const details = [];
  try {
    for (const path of pages) {
      const url = site.url + path;
      const { lhr, runs, scores, perfScores } = await runLighthouse(url, chrome.port);
      const axe = await runAxe(browser, url);
      const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']
        .map((id) => `${id.split('-').map((w) => w[0].toUpperCase()).join('')} ${lhr.audits[id].displayValue}`)
        .join(', ');
      const transfer = lhr.audits['total-byte-weight'].numericValue;
      rows.push({ path: `/${path}`, scores, axe: axe.length, weight: weightOf(path), transfer, perfScores, metrics });
      details.push({ path: `/${path}`, runs, axe });
      for (const c of CATEGORIES) {
        if (scores[c] < TARGET[c]) miss(`/${path}: Lighthouse ${c} ${scores[c]} < ${TARGET[c]}`);
      }
      if (axe.length) miss(`/${path}: ${axe.length} axe violation(s)`);
    }
    // The search page with results on it, for axe only (the results are built by the script).
    const searched = 'tim-kiem/?q=dang+ky+tam+tru';
    if (pages.includes('tim-kiem/')) {
      const axe = await runAxe(browser, site.url + searched);
      details.push({ path: `/${searched}`, axe });
      if (axe.length) miss(`/${searched}: ${axe.length} axe violation(s)`);
      rows.push({ path: `/${searched}`, axe: axe.length });
    }
  } finally {
    await browser.disconnect();
    chrome.kill();
    await site.close();
  }

  const fmt = (s) => (s === undefined ? '   – ' : s.toFixed(2).padStart(5));
  console.log('page                                      perf  a11y  b.p.   seo  axe  HTML+CSS+JS gzip  transferred');
  for (const r of rows) {
    const s = r.scores || {};
    const w = r.weight ? `${kb(r.weight.bytes)} KB` : '–';
    const t = r.transfer ? `${kb(r.transfer)} KB` : '–';
    console.log(
      `${r.path.padEnd(40)} ${fmt(s.performance)} ${fmt(s.accessibility)} ${fmt(s['best-practices'])} ${fmt(s.seo)} ` +
        `${String(r.axe).padStart(4)}  ${w.padStart(16)}  ${t.padStart(11)}`,
    );
  }
  console.log('\nLighthouse performance runs and metrics (median run):');
  for (const r of rows.filter((x) => x.metrics)) console.log(`  ${r.path}: scores ${r.perfScores.join(', ')}; ${r.metrics}`);

  // Page weights over the whole site.
  const guides = weights.filter((w) => w.guide).map((w) => w.bytes).sort((a, b) => a - b);
  const typical = guides.length ? guides[guides.length >> 1] : 0;
  const largest = weights.reduce((a, b) => (b.bytes > a.bytes ? b : a), { bytes: 0, path: '' });
  const index = files.includes('tim-kiem/index.json') ? gz(readFileSync(join(output, 'tim-kiem/index.json'))) : 0;
  console.log(`\nPage weight, HTML+CSS+JS gzip, ${weights.length} pages (${guides.length} guide pages):`);
  console.log(`  typical guide page (median) ${kb(typical)} KB (target ≤ ${TARGET.typicalKB} KB)`);
  console.log(`  largest page /${largest.path} ${kb(largest.bytes)} KB (target ≤ ${TARGET.largestKB} KB)`);
  if (index) console.log(`  search index tim-kiem/index.json ${kb(index)} KB, fetched by the search page's script`);
  for (const w of [...weights].sort((a, b) => b.bytes - a.bytes).slice(0, 5)) console.log(`    ${kb(w.bytes).padStart(6)} KB /${w.path}`);
  if (typical > TARGET.typicalKB * 1024) miss(`typical guide page ${kb(typical)} KB > ${TARGET.typicalKB} KB`);
  if (largest.bytes > TARGET.largestKB * 1024) miss(`largest page /${largest.path} ${kb(largest.bytes)} KB > ${TARGET.largestKB} KB`);

  const problems = validate(output, files);
  const errors = problems.filter((p) => p.severity === 2);
  console.log(`\nhtml-validate (html-validate:recommended), ${files.filter((f) => f.endsWith('.html')).length} files: ` +
    `${errors.length} error(s), ${problems.length - errors.length} warning(s)`);
  const byRule = new Map();
  for (const p of problems) byRule.set(p.rule, [...(byRule.get(p.rule) || []), p]);
  for (const [rule, list] of byRule) {
    const first = list[0];
    console.log(`  ${rule} ×${list.length} (${list.length - list.filter((p) => p.severity === 2).length} warnings), e.g. ` +
      `${first.file}:${first.line}:${first.column} ${first.text}`);
  }
  if (errors.length) miss(`html-validate: ${errors.length} error(s)`);

  console.log('\nFindings:');
  let any = false;
  for (const d of details) {
    for (const v of d.axe) {
      any = true;
      console.log(`  ${d.path} axe ${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.join('\n      ')}`);
    }
    if (!d.runs) continue;
    for (const c of CATEGORIES) {
      const seen = new Set();
      for (const a of d.runs.flatMap((lhr) => failing(lhr, c))) {
        if (seen.has(a.id)) continue;
        seen.add(a.id);
        any = true;
        console.log(`  ${d.path} Lighthouse ${c}: ${a.id} (score ${a.score}) ${a.title} ${a.value}`);
        for (const w of a.where) console.log(`      ${String(w).slice(0, 200)}`);
      }
    }
  }
  if (!any) console.log('  none');

  console.log(misses.length ? `\nTargets missed (${misses.length}):\n  ${misses.join('\n  ')}` : '\nAll targets met.');
  process.exitCode = misses.length ? 1 : 0;
}

await main();
