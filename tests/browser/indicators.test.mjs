// indicators.test.mjs - the indicator dashboards in a real browser: Debian's Chromium driven
// by Playwright against the real `klynge serve` with the demo's synthetic values. A visitor
// goes from the catalogue to a cluster dashboard, clicks through to a municipality's series
// and downloads it as CSV; small numbers stay hidden on the way. Every page is checked with
// axe-core for WCAG 2.1 A and AA, and a screenshot of it is kept in
// .test-results/screenshots/ (ind-*.png) for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, newPage as openPage, checkAccessibility as checkPage, PASSWORD } from './harness.mjs';

let base, browser, stop;

before(async () => {
  ({ base, browser, stop } = await start('klynge-browser-ind-', ['mette']));
});

after(async () => {
  if (stop) await stop();
});

async function newPage() {
  return openPage(browser, { acceptDownloads: true });
}

// Screenshots of this file are named ind-NAME.
async function checkAccessibility(page, name) {
  await checkPage(page, 'ind-' + name);
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
