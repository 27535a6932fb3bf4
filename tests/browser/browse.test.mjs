// browse.test.mjs - what a person sees in a real browser: Debian's Chromium driven by
// Playwright against the real `klynge serve` on a free loopback port with a fresh database.
// Every page visited is checked with axe-core for WCAG 2.1 A and AA violations, and a
// screenshot of it is kept in .test-results/screenshots/ for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, newPage as openPage, checkAccessibility, PASSWORD } from './harness.mjs';

let base, dir, browser, stop;

before(async () => {
  ({ base, dir, browser, stop } = await start('klynge-browser-', ['mette', 'jonas', 'birgitte']));
});

after(async () => {
  if (stop) await stop();
});

async function newPage() {
  return openPage(browser);
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

// YYYY-MM-DD of today plus n days (local calendar, as the pages use Copenhagen days).
function isoDay(n) {
  const d = new Date(Date.now() + n * 86400000);
  return d.toISOString().slice(0, 10);
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august',
                'september', 'oktober', 'november', 'december'];

// "24. november 2026" for "2026-11-24", as the pages write a date.
function danishDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${MONTHS[m - 1]} ${y}`;
}

// Opens the ordinary meeting (not a pre-meeting) of day iso from the year plan on the page.
async function openMeeting(page, iso) {
  const rows = page.locator('tbody tr').filter({ has: page.locator('td', { hasText: /^Møde$/ }) });
  await rows.getByRole('link', { name: new RegExp('^' + danishDate(iso) + ' ') }).click();
}

// Plans a meeting on the first free day from offset days from today, stepping by step
// (the demo's year plan may hold some days already); returns the day used.
async function planMeeting(page, forumPath, offset, step) {
  for (let i = 0; i < 10; i++) {
    const day = isoDay(offset + i * step);
    await page.goto(base + forumPath + '?year=' + day.slice(0, 4));
    await page.getByLabel('Datoer, én pr. linje (ÅÅÅÅ-MM-DD)').fill(day);
    await page.getByRole('button', { name: 'Opret møderne' }).click();
    if (await page.getByRole('alert').count() === 0)
      return day;
  }
  throw new Error('no free day to plan a meeting on');
}

test('a whole meeting cycle: agenda, absence, minutes, follow-up, referral, next agenda', async () => {
  const page = await newPage();
  await signIn(page, 'mette');
  // a group of its own under Chefforum, so that the demo's meetings are not in the way, with
  // birgitte's person as a member
  await page.goto(base + '/forums');
  await page.getByRole('link', { name: 'Chefforum – Klynge MIDT' }).first().click();
  await page.getByRole('link', { name: 'Ny gruppe under dette forum' }).click();
  await page.getByLabel('Navn', { exact: true }).fill('Arbejdsgruppe om data');
  await page.getByLabel('Type').selectOption('ad_hoc');
  await page.getByLabel('Opgave (ad hoc-grupper)').fill('Et fælles datagrundlag');
  await page.getByLabel('Slutter (ad hoc-grupper)').fill(isoDay(400));
  await page.getByRole('button', { name: 'Opret forum' }).click();
  const people = await (await page.request.get(base + '/api/v1/people')).json();
  const birgitte = people.people.find((p) => p.login === 'birgitte');
  await page.locator('select[name=person_id]').selectOption(String(birgitte.id));
  await page.getByLabel('Fra', { exact: true }).fill(isoDay(-30));
  await page.getByRole('button', { name: 'Tilføj medlem' }).click();
  await page.getByRole('link', { name: 'Møder', exact: true }).last().click();
  const forumPath = new URL(page.url()).pathname;
  // yesterday's meeting (its day has come, so it can be held) and one in five weeks
  const past = await planMeeting(page, forumPath, -1, -1);
  const next = await planMeeting(page, forumPath, 35, 1);
  await checkAccessibility(page, 'year-plan');
  await page.goto(base + forumPath + '?year=' + past.slice(0, 4));
  await openMeeting(page, past);
  const meetingUrl = page.url();
  await page.getByRole('button', { name: 'Start dagsordenen' }).click();
  const titles = ['Brug af data i klyngesamarbejdet', 'Handleplan, status for indsatserne',
                  'Dagsordenspunkter til Direktørforum'];
  for (const t of titles) {
    await page.getByLabel('Titel', { exact: true }).fill(t);
    await page.getByLabel('Indstilling (én "At ..."-linje pr. linje)').fill('At Chefforum drøfter ' + t.toLowerCase());
    await page.getByLabel('Sagsfremstilling (Markdown)').fill('Klyngen har **brug for** et fælles overblik.');
    await page.getByRole('button', { name: 'Tilføj punkt' }).click();
  }
  const pdf = join(dir, 'bilag.pdf');
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const item1 = page.locator('section.item', { hasText: titles[0] });
  await item1.getByText('Vedhæft en fil').click();
  await item1.getByLabel('Fil (PDF, Word, PowerPoint, Excel eller et billede)').setInputFiles(pdf);
  await item1.getByRole('button', { name: 'Upload' }).click();
  assert.match(await item1.innerText(), /bilag\.pdf/, await page.locator('main').innerText());
  await page.getByLabel('Fristen er overskredet: hvorfor kommer dagsordenen for sent?').fill('Mødet blev flyttet frem');
  await page.getByRole('button', { name: 'Udsend dagsordenen' }).click();
  assert.match(await page.locator('dl.facts').innerText(), /Mødet blev flyttet frem/);
  await checkAccessibility(page, 'meeting-agenda');
  await page.getByRole('button', { name: 'Log ud' }).click();

  // a member registers her absence with a substitute
  await signIn(page, 'birgitte');
  await page.goto(meetingUrl);
  const absence = page.locator('section.attendance form').first();
  await absence.locator('select[name=person_id]').selectOption({ index: 0 });
  await absence.getByLabel('Stedfortræder').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Meld afbud' }).click();
  assert.match(await page.locator('section.attendance').innerText(), /Afbud/);
  await page.getByRole('button', { name: 'Log ud' }).click();

  // the secretary holds the meeting and writes the minutes
  await signIn(page, 'mette');
  await page.goto(meetingUrl);
  await page.getByRole('button', { name: 'Marker mødet som afholdt' }).click();
  await page.getByRole('button', { name: 'Start referatet' }).click();
  const item = (t) => page.locator('section.item', { hasText: t });
  await item(titles[0]).getByLabel('Beslutning (Markdown)').fill('Chefforum godkendte indstillingen.');
  await item(titles[0]).getByLabel('Udfald').selectOption('approved');
  await item(titles[0]).getByRole('button', { name: 'Gem beslutning' }).click();
  await item(titles[0]).getByText('Tilføj en opfølgning').click();
  await item(titles[0]).getByLabel('Hvad skal gøres').fill('Lave et datatræk');
  await item(titles[0]).getByLabel('Frist').fill(next);
  await item(titles[0]).getByRole('button', { name: 'Tilføj opfølgning' }).click();
  await item(titles[1]).getByLabel('Beslutning (Markdown)').fill('Punktet genoptages på næste møde.');
  await item(titles[1]).getByLabel('Udfald').selectOption('brought_back');
  await item(titles[1]).getByRole('button', { name: 'Gem beslutning' }).click();
  await item(titles[2]).getByLabel('Beslutning (Markdown)').fill('Sendes videre til Chefforum.');
  await item(titles[2]).getByLabel('Udfald').selectOption('approved');
  await item(titles[2]).getByRole('button', { name: 'Gem beslutning' }).click();
  await item(titles[2]).getByText('Henvis til et andet forum').click();
  await item(titles[2]).getByLabel('Til forum').selectOption({ label: 'Chefforum – Klynge MIDT' });
  await item(titles[2]).getByLabel('Hvad forummet bedes gøre').fill('Tage stilling til den fælles datastrategi');
  await item(titles[2]).getByRole('button', { name: 'Henvis' }).click();
  await page.getByRole('button', { name: 'Udsend referatet' }).click();
  const minutes = await page.locator('main').innerText();
  assert.match(minutes, /Referat udsendt/);
  assert.match(minutes, /Lave et datatræk/);
  assert.match(minutes, /Henvist til Chefforum – Klynge MIDT/);
  await checkAccessibility(page, 'meeting-minutes');

  // the next meeting's agenda brings the matter back and approves these minutes
  await page.goto(base + forumPath + '?year=' + next.slice(0, 4));
  await openMeeting(page, next);
  await page.getByRole('button', { name: 'Start dagsordenen' }).click();
  const agenda = await page.locator('main').innerText();
  assert.match(agenda, /Godkendelse af referat fra sidste møde/);
  assert.match(agenda, /Handleplan, status for indsatserne/);
  await checkAccessibility(page, 'next-agenda');
  await page.context().close();
});
