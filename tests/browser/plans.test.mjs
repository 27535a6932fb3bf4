// plans.test.mjs - action plans in a real browser: the secretary of Chefforum – Klynge MIDT
// makes a group of her own with birgitte in it, an action plan with one initiative run by
// that group, and opens a status round; birgitte, a member of the group, fills in the
// initiative's status report in the form; the secretary's round overview then counts it as
// submitted and shows its traffic light. The plan, initiative, round and form pages are
// checked with axe-core for WCAG 2.1 A and AA, and screenshots are kept in
// .test-results/screenshots/. The demo's own plan is not relied on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage as openPage, checkAccessibility, PASSWORD } from './harness.mjs';

let base, browser, stop;

before(async () => {
  ({ base, browser, stop } = await start('klynge-plans-', ['mette', 'birgitte']));
});

after(async () => {
  if (stop) await stop();
});

async function newPage() {
  return openPage(browser);
}

async function signIn(page, login) {
  await page.goto(base + '/login');
  await page.getByLabel('Brugernavn').fill(login);
  await page.getByLabel('Adgangskode').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log ind' }).click();
}

// YYYY-MM-DD of today plus n days.
function isoDay(n) {
  return new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
}

// The number shown for a state in the round overview ("Indgivet", "Afventer", ...).
async function countOf(page, state) {
  return Number(await page.locator(`#count-${state} strong.count`).innerText());
}

test('a group member submits a status report and the round overview changes', async () => {
  const page = await newPage();
  await signIn(page, 'mette');
  // a group of her own under Chefforum with birgitte's person in it
  await page.goto(base + '/forums');
  await page.getByRole('link', { name: 'Chefforum – Klynge MIDT' }).first().click();
  await page.getByRole('link', { name: 'Ny gruppe under dette forum' }).click();
  await page.getByLabel('Navn', { exact: true }).fill('Indsatsgruppe for opfølgende hjemmebesøg');
  await page.getByLabel('Type').selectOption('ad_hoc');
  await page.getByLabel('Opgave (ad hoc-grupper)').fill('Driver indsats 1b');
  await page.getByLabel('Slutter (ad hoc-grupper)').fill(isoDay(400));
  await page.getByRole('button', { name: 'Opret forum' }).click();
  const people = await (await page.request.get(base + '/api/v1/people')).json();
  const birgitte = people.people.find((p) => p.login === 'birgitte');
  await page.locator('select[name=person_id]').selectOption(String(birgitte.id));
  await page.getByLabel('Fra', { exact: true }).fill(isoDay(-30));
  await page.getByRole('button', { name: 'Tilføj medlem' }).click();

  // an action plan from the menu
  await page.getByRole('link', { name: 'Handleplaner' }).first().click();
  assert.equal(await page.locator('h1').innerText(), 'Handleplaner');
  await checkAccessibility(page, 'plans');
  await page.getByRole('link', { name: 'Ny handleplan' }).click();
  await page.getByLabel('Forum').selectOption({ label: 'Chefforum – Klynge MIDT' });
  await page.getByLabel('Titel').fill('Handleplan for browsertesten');
  await page.getByLabel('Starter').fill('2026-01-01');
  await page.getByLabel('Slutter').fill('2027-12-31');
  await page.getByLabel('Hvad midlerne må bruges til').fill('Projektledelse og uddannelse.');
  await checkAccessibility(page, 'plan-new');
  await page.getByRole('button', { name: 'Opret handleplan' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Handleplan for browsertesten');
  const planUrl = page.url();

  // an initiative run by the group: a form sent back with a problem first
  await page.getByRole('link', { name: 'Tilføj indsats' }).click();
  await page.getByLabel('Nummer').fill('1 b');
  await page.getByLabel('Titel').fill('Opfølgende hjemmebesøg efter udskrivelse');
  await page.getByLabel('Gruppe, der driver den').selectOption({ label: 'Indsatsgruppe for opfølgende hjemmebesøg' });
  await page.locator('select[name=status]').selectOption('active');
  await page.getByLabel('Ældre medicinske patienter').check();
  await page.getByRole('button', { name: 'Gem indsats' }).click();
  assert.equal(await page.locator('input[name=label]').getAttribute('aria-invalid'), 'true');
  await checkAccessibility(page, 'initiative-form-problem');
  await page.getByLabel('Nummer').fill('1b');
  await page.getByRole('button', { name: 'Gem indsats' }).click();
  assert.match(await page.locator('h1').innerText(), /Indsats 1b: Opfølgende hjemmebesøg/);
  const initiativeUrl = page.url();
  await page.getByText('Angiv et års midler').click();
  await page.getByLabel('År', { exact: true }).fill('2026');
  await page.getByLabel('Bevilget (kr.)').fill('250.000');
  await page.getByLabel('Forbrugt (kr.)').fill('40.000,50');
  await page.getByRole('button', { name: 'Gem midler' }).click();
  assert.match(await page.locator('table.funds').innerText(), /209\.999,50 kr\./);
  await checkAccessibility(page, 'initiative');

  // the secretary opens a status round on the plan page
  await page.goto(planUrl);
  const row = page.getByRole('row', { name: /Opfølgende hjemmebesøg/ });
  assert.match(await row.innerText(), /Ingen status/);
  await page.getByText('Åbn en statusrunde').click();
  await page.getByLabel('Titel').fill('Status efterår');
  await page.getByLabel('Frist').fill(isoDay(14));
  await page.getByLabel('Forbrug af midler').uncheck();
  await checkAccessibility(page, 'plan');
  await page.getByRole('button', { name: 'Åbn runde' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Status efterår');
  const roundUrl = page.url();
  assert.equal(await countOf(page, 'submitted'), 0);
  assert.equal(await countOf(page, 'awaiting'), 1);
  assert.match(await page.locator('#summary').innerText(), /1b/);
  await checkAccessibility(page, 'round-before');
  await page.getByRole('button', { name: 'Log ud' }).click();

  // birgitte, in the group, fills in the report
  await signIn(page, 'birgitte');
  await page.goto(initiativeUrl);
  await page.getByRole('link', { name: 'Læs statusrapporten' }).click();
  await page.getByRole('link', { name: 'Udfyld statusrapporten' }).click();
  // the light alone: the fields the round asks for are missing, and say so
  await page.getByLabel('Gul: udfordringer').check();
  await page.getByRole('button', { name: 'Indgiv statusrapporten' }).click();
  assert.match(await page.getByRole('alert').innerText(), /Ret de markerede felter/);
  assert.equal(await page.locator('textarea[name=scope]').getAttribute('aria-invalid'), 'true');
  await checkAccessibility(page, 'report-form-problem');
  await page.locator('textarea[name=scope]').fill('To kommuner og hospitalets medicinske afdelinger.');
  await page.locator('textarea[name=data]').fill('Genindlæggelser inden for 30 dage.');
  await page.getByLabel('Tidsplan og milepæle').fill('Piloten er forsinket en måned.');
  await page.getByLabel('Brugerinddragelse').fill('Patientpanelet har læst materialet.');
  await checkAccessibility(page, 'report-form');
  await page.getByRole('button', { name: 'Indgiv statusrapporten' }).click();
  assert.match(await page.locator('h1').innerText(), /Statusrapport 1b/);
  assert.match(await page.locator('dl.facts').innerText(), /Indgivet/);
  await checkAccessibility(page, 'report');
  await page.getByRole('button', { name: 'Log ud' }).click();

  // the secretary's overview has changed
  await signIn(page, 'mette');
  await page.goto(roundUrl);
  assert.equal(await countOf(page, 'submitted'), 1);
  assert.equal(await countOf(page, 'awaiting'), 0);
  const report = page.getByRole('row', { name: /Opfølgende hjemmebesøg/ });
  assert.equal(await report.getAttribute('data-state'), 'submitted');
  assert.match(await report.innerText(), /Indgivet/);
  assert.match(await report.innerText(), /Gul: udfordringer/);
  await checkAccessibility(page, 'round-after');
  await page.goto(planUrl);
  assert.match(await page.getByRole('row', { name: /Opfølgende hjemmebesøg/ }).innerText(),
               /Gul: udfordringer/);
  await page.goto(initiativeUrl);
  assert.match(await page.locator('ol.timeline').innerText(), /Status efterår/);
  await page.context().close();
});
