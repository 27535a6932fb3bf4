// harness.mjs - what the browser tests share: a fresh demo database with known passwords for
// the demo logins a test names, the real `klynge serve` on a free loopback port, Debian's
// Chromium through playwright-core, pages in Danish, and the accessibility check (axe-core,
// WCAG 2.1 A and AA) that keeps a screenshot of every page it checks in
// .test-results/screenshots/.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const shots = join(root, '.test-results', 'screenshots');

export const PASSWORD = 'correct horse battery staple';

// Starts klynge on a new demo database, giving each of logins the password PASSWORD, and a
// browser. Returns { base, db, dir, browser, stop }: dir is a private directory for the
// test's own files; stop() ends both and removes it with the database.
export async function start(prefix, logins) {
  const klynge = process.env.KLYNGE_BIN;
  assert.ok(klynge, 'KLYNGE_BIN names the klynge binary');
  const run = (...args) => execFileSync(klynge, args, { input: PASSWORD + '\n', encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'klynge.db');
  run('init', '--db', db, '--demo');
  for (const login of logins) run('user', 'passwd', login, '--db', db);
  const server = spawn(klynge, ['serve', '--db', db, '--listen', '127.0.0.1:0'],
                       { stdio: ['ignore', 'pipe', 'ignore'] });
  const base = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(d.toString());
      if (m) resolve(m[0].replace(/\/$/, ''));
    });
    server.on('exit', (code) => reject(new Error('klynge serve exited ' + code)));
  });
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const stop = async () => {
    await browser.close();
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  return { base, db, dir, browser, stop };
}

// A new page in its own context, in Danish; bypassCSP lets axe be injected (the pages
// themselves need no script at all).
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'da-DK', bypassCSP: true,
                                             viewport: { width: 1200, height: 900 },
                                             ...options });
  return context.newPage();
}

// Keeps a screenshot called name and fails on any WCAG 2.1 A/AA violation of the page,
// naming rule and elements.
export async function checkAccessibility(page, name) {
  await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const problems = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(problems, [], `${name}: WCAG violations`);
}
