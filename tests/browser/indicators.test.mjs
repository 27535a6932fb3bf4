// indicators.test.mjs - the indicator dashboards in a real browser: Debian's Chromium driven
// by Playwright against the real `klynge serve` with the demo's synthetic values. A visitor
// goes from the catalogue to a cluster dashboard, clicks through to a municipality's series
// and downloads it as CSV; small numbers stay hidden on the way. Every page is checked with
// axe-core for WCAG 2.1 A and AA, and a screenshot of it is kept in
// .test-results/screenshots/ (ind-*.png) for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const klynge = process.env.KLYNGE_BIN;
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const shots = join(root, '.test-results', 'screenshots');
const PASSWORD = 'correct horse battery staple';

let dir, server, base, browser;

function run(...args) {
  return execFileSync(klynge, args, { input: PASSWORD + '\n', encoding: 'utf8' });
}

before(async () => {
  assert.ok(klynge, 'KLYNGE_BIN names the klynge binary');
  dir = mkdtempSync(join(tmpdir(), 'klynge-browser-ind-'));
  const db = join(dir, 'klynge.db');
  // the demo: synthetic values for all municipalities, 2020-2024; mette is a secretary
  run('init', '--db', db, '--demo');
  run('user', 'passwd', 'mette', '--db', db);
  server = spawn(klynge, ['serve', '--db', db, '--listen', '127.0.0.1:0'],
                 { stdio: ['ignore', 'pipe', 'ignore'] });
  base = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(d.toString());
      if (m) resolve(m[0].replace(/\/$/, ''));
    });
    server.on('exit', (code) => reject(new Error('klynge serve exited ' + code)));
  });
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function newPage() {
  // bypassCSP lets axe be injected; the pages themselves need no script at all.
  const context = await browser.newContext({ locale: 'da-DK', bypassCSP: true,
                                             acceptDownloads: true,
                                             viewport: { width: 1200, height: 900 } });
  return context.newPage();
}

// Fails on any WCAG 2.1 A/AA violation of the page, naming rule and elements.
async function checkAccessibility(page, name) {
  await page.screenshot({ path: join(shots, 'ind-' + name + '.png'), fullPage: true });
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const problems = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(problems, [], `${name}: WCAG violations`);
}

test('from the catalogue to a cluster dashboard to a municipality series and its CSV', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.getByRole('link', { name: 'Indikatorer' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Indikatorer');
  assert.match(await page.locator('main').innerText(), /Skal kontrolleres mod kilden/);
  await checkAccessibility(page, 'catalogue');

  await page.getByRole('link', { name: 'Klynge MIDT' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Klynge MIDT: indikatorer');
  const section = page.locator('section.indicator').first();
  assert.match(await section.locator('h2').innerText(), /Forebyggelige akutte sygehusophold/);
  // a chart with its accessible name, and the table with the same numbers behind it
  const chart = section.locator('figure.chart svg[role="img"]').last();
  assert.match(await chart.getAttribute('aria-labelledby'), /-title$/);
  assert.equal(await section.locator('table.series').count(), 1);
  // signals in words and shape, not colour alone
  assert.match(await section.locator('table.values').innerText(),
               /(forbedring|uændret|forværring)/);
  await checkAccessibility(page, 'dashboard');

  await section.locator('table.values').getByRole('link', { name: 'Aalborg' }).click();
  assert.match(await page.locator('h1').innerText(), /^Aalborg: Forebyggelige akutte/);
  const rows = page.locator('table.values tbody tr');
  assert.equal(await rows.count(), 5, 'five years of values');
  await checkAccessibility(page, 'series');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Hent serien (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'klynge-851-FOREBYG-65.csv');
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('\ufeffindikator;'), 'Danish Excel CSV with a header');
  const aalborg = text.split('\r\n').filter((l) => l.includes(';851;Aalborg;'));
  assert.equal(aalborg.length, 5, 'five years of Aalborg');
  assert.match(aalborg[4], /^FOREBYG-65;[^;]*;2024;kommune;851;Aalborg;\d+,\d;\d+;\d+;/);
  await page.context().close();
});

test('small numbers are hidden on the dashboard of a cluster with a small island', async () => {
  const page = await newPage();
  await page.goto(base + '/clusters/RN-NORD/indicators');
  const text = await page.locator('main').innerText();
  assert.match(text, /<5/, 'a small value is shown as <5');
  assert.match(text, /færre end 5/, 'and the legend says why');
  await checkAccessibility(page, 'dashboard-small');
  await page.context().close();
});

test('a secretary sees the upload form and the choice of indicators, in English too', async () => {
  const page = await newPage();
  await page.goto(base + '/login');
  await page.getByLabel('Brugernavn').fill('mette');
  await page.getByLabel('Adgangskode').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.goto(base + '/indicators/import');
  assert.equal(await page.locator('input[type=file]').count(), 1);
  await checkAccessibility(page, 'import');
  await page.goto(base + '/clusters/RN-MIDT/indicators?lang=en');
  assert.equal(await page.locator('h1').innerText(), 'Klynge MIDT: indicators');
  assert.equal(await page.locator('fieldset input[type=checkbox]:checked').count(), 6);
  await checkAccessibility(page, 'dashboard-en');
  await page.context().close();
});
