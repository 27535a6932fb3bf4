// browse.test.mjs - what a person sees in a real browser: Debian's Chromium driven by
// Playwright against the real `klynge serve` on a free loopback port with a fresh database.
// Every page visited is checked with axe-core for WCAG 2.1 A and AA violations, and a
// screenshot of it is kept in .test-results/screenshots/ for people to look at.
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
  dir = mkdtempSync(join(tmpdir(), 'klynge-browser-'));
  const db = join(dir, 'klynge.db');
  // the demo organisation: mette is the secretary of Chefforum – Klynge MIDT, jonas a guest
  run('init', '--db', db, '--demo');
  run('user', 'passwd', 'mette', '--db', db);
  run('user', 'passwd', 'jonas', '--db', db);
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
                                             viewport: { width: 1200, height: 900 } });
  return context.newPage();
}

// Fails on any WCAG 2.1 A/AA violation of the page, naming rule and elements.
async function checkAccessibility(page, name) {
  await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const problems = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(problems, [], `${name}: WCAG violations`);
}

test('front page to a region to a cluster, as a visitor', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'da');
  assert.equal(await page.locator('h1').innerText(), 'Sundhedsklyngens fælles arbejdsrum');
  await checkAccessibility(page, 'front');

  await page.getByRole('link', { name: 'Region Midtjylland' }).first().click();
  assert.equal(await page.locator('h1').innerText(), 'Region Midtjylland');
  const earlier = page.getByRole('table', { name: 'Tidligere klyngeinddelinger' });
  assert.equal(await earlier.getByRole('row').count(), 7, 'six earlier clusters and a header');
  await checkAccessibility(page, 'region');

  await earlier.getByRole('link', { name: 'Vestklyngen' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Vestklyngen');
  assert.match(await page.locator('dl.facts').innerText(), /1\. januar 2007 – 31\. marts 2011/);
  const row = page.getByRole('row', { name: /Ikast-Brande/ });
  assert.match(await row.innerText(), /Delt/);
  const members = page.getByRole('table', { name: 'Medlemskommuner' });
  assert.equal(await members.getByRole('row').count(), 7, 'six municipalities and a header');
  await checkAccessibility(page, 'cluster');

  await row.getByRole('link', { name: 'Ikast-Brande' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Ikast-Brande');
  await checkAccessibility(page, 'municipality');
  await page.context().close();
});

test('English on request', async () => {
  const page = await newPage();
  await page.goto(base + '/clusters');
  await page.getByRole('link', { name: 'English' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Clusters');
  await page.getByRole('link', { name: 'Municipalities' }).first().click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'the choice is kept');
  await checkAccessibility(page, 'municipalities-en');
  await page.context().close();
});

test('a missing page says so, in the layout', async () => {
  const page = await newPage();
  const res = await page.goto(base + '/clusters/NO-SUCH');
  assert.equal(res.status(), 404);
  assert.equal(await page.locator('h1').innerText(), 'Siden findes ikke');
  await checkAccessibility(page, 'not-found');
  await page.context().close();
});

async function signIn(page, login) {
  await page.goto(base + '/login');
  await page.getByLabel('Brugernavn').fill(login);
  await page.getByLabel('Adgangskode').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log ind' }).click();
}

test('sign in, see a permission-denied page, sign out', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.getByRole('link', { name: 'Log ind' }).click();
  await checkAccessibility(page, 'login');
  await page.getByLabel('Brugernavn').fill('jonas');
  await page.getByLabel('Adgangskode').fill('not his password');
  await page.getByRole('button', { name: 'Log ind' }).click();
  assert.match(await page.getByRole('alert').innerText(), /Forkert brugernavn eller adgangskode/);
  await page.getByLabel('Brugernavn').fill('jonas');
  await page.getByLabel('Adgangskode').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log ind' }).click();
  assert.equal(new URL(page.url()).pathname, '/');
  await page.getByRole('link', { name: 'Jonas Kjærsgaard' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Din konto');
  await checkAccessibility(page, 'account');

  const res = await page.goto(base + '/audit');
  assert.equal(res.status(), 403);
  assert.equal(await page.locator('h1').innerText(), 'Adgang nægtet');
  await checkAccessibility(page, 'denied');

  await page.getByRole('button', { name: 'Log ud' }).click();
  assert.equal(await page.getByRole('link', { name: 'Log ind' }).count(), 1);
  const again = await page.goto(base + '/account');
  assert.equal(new URL(page.url()).pathname, '/login', 'signed out for real');
  assert.equal(again.status(), 200);
  await page.context().close();
});

test('a secretary creates an ad hoc group, adds three members, sees them and the chart', async () => {
  const page = await newPage();
  await signIn(page, 'mette');
  await page.getByRole('link', { name: 'Fora' }).click();
  await checkAccessibility(page, 'forums');
  await page.getByRole('link', { name: 'Chefforum – Klynge MIDT' }).click();
  assert.match(await page.locator('main').innerText(), /Kommissoriets regler/);
  await checkAccessibility(page, 'forum');

  await page.getByRole('link', { name: 'Ny gruppe under dette forum' }).click();
  await page.getByLabel('Navn', { exact: true }).fill('Arbejdsgruppe om genoptræningsplaner');
  await page.getByLabel('Type').selectOption('ad_hoc');
  await page.getByLabel('Opgave (ad hoc-grupper)').fill('Beskrive den fælles arbejdsgang');
  await page.getByLabel('Slutter (ad hoc-grupper)').fill('2027-06-30');
  await checkAccessibility(page, 'new-forum');
  await page.getByRole('button', { name: 'Opret forum' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Arbejdsgruppe om genoptræningsplaner');
  assert.match(await page.locator('dl.facts').first().innerText(), /30\. juni 2027/);

  const people = [['Rikke Svendstrup', 'Jammerbugt Kommune'], ['Jan Nybo', 'Aalborg Kommune'],
                  ['Marianne Siersbæk', 'Region Nordjylland']];
  for (const [name, org] of people) {
    await page.getByLabel('Navn på en ny person').fill(name);
    await page.getByLabel('Repræsenterer').selectOption({ label: org });
    await page.getByRole('button', { name: 'Tilføj medlem' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Arbejdsgruppe om genoptræningsplaner');
  }
  const members = await page.locator('ul.members').allInnerTexts();
  for (const [name] of people)
    assert.ok(members.join('\n').includes(name), name + ' is on the forum page');
  await checkAccessibility(page, 'ad-hoc-group');

  await page.getByRole('link', { name: 'RN-MIDT' }).click();
  const chart = page.locator('figure.orgchart svg');
  assert.equal(await chart.count(), 1);
  assert.match(await chart.innerHTML(), /Arbejdsgruppe om/);
  await checkAccessibility(page, 'orgchart');
  await page.context().close();
});
