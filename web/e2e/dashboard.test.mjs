// The dashboard in headless Chromium against a server on loopback with the example's data
// (started by tests/e2e/web_dashboard_test.sh, which passes its URL and a token per role).
// Every expected number is asked of the API with the same token, never read off the page.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const env = process.env;
const base = env.GUARANTOR_URL;
const tokens = {
  hq: env.HQ_TOKEN,
  commission: env.COMMISSION_TOKEN,
  commission2: env.COMMISSION2_TOKEN,
  fr: env.FR_TOKEN,
  be: env.BE_TOKEN,
  public: env.PUBLIC_TOKEN,
};
const artifacts = env.ARTIFACT_DIR ?? 'test-artifacts';
mkdirSync(artifacts, { recursive: true });
const origin = new URL(base).origin;

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
after(async () => {
  await browser?.close();
});

async function api(who, path, init = {}) {
  const r = await fetch(base + path, {
    ...init,
    headers: { Authorization: `Bearer ${tokens[who]}`, ...(init.headers ?? {}) },
  });
  assert.ok(r.ok, `${path} as ${who}: ${r.status}`);
  return r.json();
}

// A page signed in as `who` (the token in session storage, as the sign-in form leaves it), that
// records every request and API answer, and every CSP report or script error.
async function open(who, hash, { signIn = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const seen = { requests: [], bodies: [], problems: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('response', async (r) => {
    if (!r.url().includes('/v1/') || r.url().includes('/v1/feed')) return;
    try {
      seen.bodies.push(await r.text());
    } catch {
      // a response the page dropped (navigation): nothing to read
    }
  });
  page.on('pageerror', (e) => seen.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) seen.problems.push(m.text());
  });
  if (signIn) await page.addInitScript((t) => sessionStorage.setItem('guarantor.token', t), tokens[who]);
  await page.goto(`${base}/${hash}`);
  return { context, page, seen };
}

// No request left loopback (the server's own origin, or data:/blob: URLs the page made), and
// nothing broke the page's Content-Security-Policy.
async function finish({ context, page, seen }, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  const outside = seen.requests.filter((u) => !(u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:')));
  assert.deepEqual(outside, [], 'requests that left the server');
  assert.deepEqual(seen.problems, [], 'CSP violations or script errors');
  await context.close();
}

async function countText(page) {
  const count = page.getByTestId('violation-count');
  await page.waitForFunction(() => /^\d+ \w+ shown of \d+/.test(document.querySelector('[data-testid=violation-count]')?.textContent ?? ''));
  const [, shown, of] = (await count.textContent()).match(/^(\d+) \w+ shown of (\d+)/);
  return { shown: Number(shown), of: Number(of) };
}

test('the map loads and shows the expected number of violations; an incident shows its observations', async () => {
  const expected = (await api('hq', '/v1/violations?limit=1')).total;
  assert.ok(expected > 0);
  const s = await open('hq', '#/map');
  const { page } = s;
  await page.waitForSelector('.line-of-contact');
  assert.deepEqual(await countText(page), { shown: expected, of: expected });
  // At the default zoom, density cells: their counts add up to every violation.
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-incidents-pane [data-count]').length > 0);
  const binned = await page.$$eval('.leaflet-incidents-pane [data-count]', (els) => els.reduce((n, e) => n + Number(e.getAttribute('data-count')), 0));
  assert.equal(binned, expected);
  if (env.GAPS === '1') {
    // Every monitoring gap is drawn when the slider is at its end.
    const gaps = (await api('hq', '/v1/gaps?limit=10000')).items.length;
    assert.ok(gaps > 0);
    await page.waitForFunction((n) => document.querySelectorAll('path.gap').length === n, gaps);
  }
  // The assets in place at the slider's end, the latest violation's last report, each a circle.
  const violations = (await api('hq', '/v1/violations?limit=10000')).items;
  const latest = Math.max(...violations.map((v) => Date.parse(v.last_seen)));
  const placements = (await api('hq', '/v1/assets?limit=10000')).items;
  const standing = placements.filter((a) => Date.parse(a.from) <= latest && latest < Date.parse(a.to)).length;
  assert.ok(standing > 0 && standing < placements.length);
  await page.waitForFunction((n) => document.querySelectorAll('path.asset').length === n, standing);
  await page.screenshot({ path: join(artifacts, 'map-density.png') });

  // Zoomed in: one marker per violation. Click one to see its observations and their sources.
  const first = (await api('hq', '/v1/violations?limit=1')).items[0];
  await page.goto(`${base}/#/map?at=10/${first.position.lat}/${first.position.lon}`);
  await page.waitForFunction((n) => document.querySelectorAll('.violation-marker').length === n, expected);
  await page.locator(`[data-incident="${first.incident}"]`).dispatchEvent('click');
  const detail = page.getByTestId('incident-detail');
  await detail.getByTestId('observations').waitFor();
  const items = detail.getByTestId('observations').locator('li');
  assert.equal(await items.count(), first.observations.length);
  const text = await detail.textContent();
  for (const o of first.observations) assert.ok(text.includes(o.source), `source ${o.source} shown`);
  assert.ok(!text.includes('not readable'), 'every report of the incident is readable by the HQ');
  await finish(s, 'map-incident');
});

test("violations by the agreement's sectors add up as the boxes hold them, and the map outlines them", async () => {
  const geometry = await api('hq', '/v1/scenario/geometry');
  const sectors = geometry.features.filter((f) => f.properties.layer === 'sector');
  assert.equal(sectors.length, 5, "the example's five sectors");
  // The example's sectors are boxes: the first box (in scenario order) holding a point, by its
  // corners, is the expected sector.
  const boxes = sectors.map((f) => {
    const ring = f.geometry.coordinates[0][0];
    const lons = ring.map((q) => q[0]);
    const lats = ring.map((q) => q[1]);
    return { name: f.properties.name, w: Math.min(...lons), e: Math.max(...lons), s: Math.min(...lats), n: Math.max(...lats) };
  });
  const violations = (await api('hq', '/v1/violations?limit=10000')).items;
  const expected = {};
  for (const v of violations) {
    const { lat, lon } = v.position;
    const box = boxes.find((b) => b.w <= lon && lon <= b.e && b.s <= lat && lat <= b.n);
    const name = box ? box.name : 'outside the sectors';
    expected[name] = (expected[name] ?? 0) + 1;
  }

  const s = await open('hq', '#/monitoring?by=sector');
  const { page } = s;
  await page.waitForSelector('#daily tbody tr');
  await page.waitForFunction(() => document.querySelector('h2#daily-heading')?.textContent.endsWith('by sector'));
  const columns = await page.$$eval('#daily thead th', (ths) => ths.map((th) => th.textContent).slice(1));
  const sums = await page.$$eval('#daily tbody tr', (trs) => {
    const out = [];
    for (const tr of trs) [...tr.querySelectorAll('td')].slice(1).forEach((td, i) => (out[i] = (out[i] ?? 0) + Number(td.textContent)));
    return out;
  });
  const shown = Object.fromEntries(columns.map((c, i) => [c, sums[i]]));
  assert.deepEqual(shown, expected);
  // Columns in the scenario's order of sectors.
  const order = boxes.map((b) => b.name).filter((n) => n in expected);
  assert.deepEqual(columns.filter((c) => c !== 'outside the sectors'), order);

  await page.goto(`${base}/#/map`);
  await page.waitForSelector('.line-of-contact');
  await page.waitForFunction((n) => document.querySelectorAll('path.sector').length === n, sectors.length);
  const labels = await page.$$eval('.sector-label', (els) => els.map((e) => e.textContent));
  assert.deepEqual(labels, boxes.map((b) => b.name));
  await finish(s, 'sectors');
});

test("the daily report shows the server's figures for the chosen day and downloads as Markdown", async () => {
  const day = '2026-02-02';
  const report = await api('hq', `/v1/reports/daily?day=${day}&format=json`);
  assert.ok(report.verified_violations > 0);
  const geometry = await api('hq', '/v1/scenario/geometry');
  const names = Object.fromEntries(geometry.features.filter((f) => f.properties.layer === 'sector').map((f) => [f.properties.id, f.properties.name]));
  const expected = Object.fromEntries(Object.entries(report.by_named_sector).map(([id, n]) => [names[id], n]));
  if (report.outside_named_sectors) expected['outside the sectors'] = report.outside_named_sectors;

  const s = await open('hq', `#/monitoring?day=${day}`);
  const { page } = s;
  await page.waitForFunction((n) => document.querySelector('[data-testid=report-violations]')?.textContent === String(n), report.verified_violations);
  // The day's choice lists the days of the violations, which load on their own.
  await page.waitForFunction((d) => document.querySelector('select[name=day]')?.value === d, day);
  const rows = await page.$$eval('#report-sectors tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(Object.fromEntries(rows.map(([k, n]) => [k, Number(n)])), expected);
  assert.equal(await page.getByTestId('report-cases-opened').textContent(), String(report.cases_opened.length));
  // The share of each sector the assets watched, by any of them, as whole percentages.
  const watched = Object.entries(report.watched_by_named_sector).map(([id, w]) => [names[id], `${Math.round(w.any * 100)}%`]);
  assert.ok(watched.length > 0);
  const watchedRows = await page.$$eval('#report-watched tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
  assert.deepEqual(watchedRows, watched);

  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-markdown').click()]);
  assert.equal(file.suggestedFilename(), `daily-report-${day}.md`);
  const md = readFileSync(await file.path(), 'utf8');
  assert.ok(md.startsWith(`# Daily monitoring report, ${day}: `), md.slice(0, 80));
  assert.ok(md.includes(`| verified violations | ${report.verified_violations} |`));
  assert.ok(md.includes(`| cases opened | ${report.cases_opened.length} |`));
  // The report of every day the choice lists, one download: its verified violations are the
  // days' own, added up here.
  const days = await page.$$eval('select[name=day] option', (os) => os.map((o) => o.value));
  let total = 0;
  for (const d of days) total += (await api('hq', `/v1/reports/daily?day=${d}&format=json`)).verified_violations;
  const [whole] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-period').click()]);
  assert.equal(whole.suggestedFilename(), `report-${days[0]}-to-${days.at(-1)}.md`);
  const period = readFileSync(await whole.path(), 'utf8');
  assert.ok(period.startsWith(`# Monitoring report, ${days[0]} to ${days.at(-1)}: `), period.slice(0, 80));
  assert.ok(period.includes(`| verified violations | ${total} |`), `the period's report does not count the days' ${total}`);
  await finish(s, 'daily-report');

  // The public may read the report but not the Commission's cases: no case count is shown.
  const open_report = await api('public', `/v1/reports/daily?day=${day}&format=json`);
  assert.equal(open_report.cases_opened, undefined);
  const p = await open('public', `#/monitoring?day=${day}`);
  await p.page.waitForFunction((n) => document.querySelector('[data-testid=report-violations]')?.textContent === String(n), open_report.verified_violations);
  assert.equal(await p.page.getByTestId('report-cases-opened').count(), 0);
  await finish(p, 'daily-report-public');
});

test('a Commission member opens a case, claims it, decides it, and finds the decision in the ledger', async () => {
  const open_cases = (await api('commission', '/v1/cases?state=open&limit=1')).items;
  assert.ok(open_cases.length > 0, 'the example opens cases');
  const id = open_cases[0].case;
  // Signing in through the form, this time.
  const s = await open('commission', '#/commission?state=open', { signIn: false });
  const { page } = s;
  await page.getByLabel('API token').fill(tokens.commission);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: id, exact: true }).click();
  const detail = page.getByTestId('case-detail');
  await detail.waitFor();
  await detail.getByRole('button', { name: 'Claim' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=case-claim]')?.textContent === 'claimed by c1');
  assert.equal(await page.getByTestId('case-state').textContent(), 'under_review');
  // The evidence goes down to the raw reports.
  await detail.getByTestId('observations').waitFor();
  assert.ok((await detail.getByText('Raw report').count()) > 0);
  // "unverifiable" is offered, and may be chosen from here.
  const unverifiable = page.getByRole('radio', { name: /unverifiable/ });
  assert.equal(await unverifiable.isEnabled(), true);
  await page.getByRole('radio', { name: /^attributed/ }).check();
  const rationale = 'Two independent sources and the origin on the attributed side (e2e).';
  await page.getByLabel('Rationale (required)').fill(rationale);
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.getByTestId('decision-recorded').waitFor();
  assert.equal((await api('commission', `/v1/cases/${id}`)).state, 'attributed');
  await page.screenshot({ path: join(artifacts, 'commission-decided.png'), fullPage: true });

  // The dossier downloads as the server writes it: the case in its new state, its evidence, the
  // decision just recorded.
  const [dossier] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dossier-download').click()]);
  assert.equal(dossier.suggestedFilename(), `${id}.md`);
  const md = readFileSync(await dossier.path(), 'utf8');
  assert.ok(md.startsWith(`# Case ${id}: attributed\n`), md.slice(0, 80));
  const members = (await api('commission', `/v1/cases/${id}`)).observations;
  assert.ok(md.includes(`## Evidence: ${members.length} report(s)`));
  for (const m of members) assert.ok(md.includes(`\n| ${m} | `), `${m} has no row in the dossier`);
  assert.ok(md.includes(rationale), 'the dossier lacks the rationale just recorded');

  // The decision is a ledger entry of kind commission_decision, verified in the browser.
  const link = page.getByTestId('ledger-link');
  assert.equal(await link.count(), 1, 'the decision reply names its ledger entry (ledger_sequence)');
  await link.click();
  await page.waitForSelector('[data-testid=ledger]');
  await page.selectOption('select[name=kind]', 'commission_decision');
  const row = page.locator('#ledger tbody tr', { hasText: id });
  await row.waitFor();
  const seq = (await row.locator('td').first().textContent()).trim();
  await page.waitForFunction((n) => document.querySelector(`[data-testid=verify-${n}]`)?.textContent === 'verified', seq, { timeout: 15000 });
  assert.equal(await page.getByTestId('head-signature').textContent(), 'valid');
  const entry = await api('commission', `/v1/ledger/entries/${seq}`);
  assert.equal(entry.kind, 'commission_decision');
  assert.equal(JSON.parse(entry.payload).case_id, id);
  await finish(s, 'ledger-decision');
});

test('a remedy is decided only with the remedy stated, and the dossier carries it', async () => {
  // A second open case, claimed and attributed through the API (the test above walks the form to
  // attributed), so that the form's next step is remedy_decided.
  const open_cases = (await api('commission', '/v1/cases?state=open&limit=2')).items;
  assert.ok(open_cases.length > 1, 'the example opens two cases');
  const id = open_cases[1].case;
  const post = (path, body) =>
    api('commission', path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  await post(`/v1/cases/${id}/claim`);
  await post(`/v1/cases/${id}/decisions`, { decision: 'attributed', rationale: 'origin inside RU (e2e)' });
  const s = await open('commission', '#/commission?state=attributed');
  const { page } = s;
  await page.getByRole('button', { name: id, exact: true }).click();
  await page.getByTestId('case-detail').waitFor();
  await page.getByRole('radio', { name: /^remedy decided/ }).check();
  await page.getByLabel('Rationale (required)').fill('Repeated fire from the same position (e2e).');
  const record = page.getByRole('button', { name: 'Record decision' });
  assert.equal(await record.isDisabled(), true, 'remedy_decided could be recorded without a remedy');
  const remedy = 'Withdraw the battery 50 km and report within 48 h (e2e).';
  await page.getByLabel(/^Remedy \(required\)/).fill(remedy);
  assert.equal(await record.isDisabled(), false);
  // With the day by which it is to be carried out.
  await page.getByLabel('Remedy due by (optional)').fill('2099-12-31');
  await record.click();
  await page.getByTestId('decision-recorded').waitFor();
  const decided = await api('commission', `/v1/cases/${id}`);
  assert.equal(decided.state, 'remedy_decided');
  assert.equal(decided.decisions.at(-1).remedy, remedy);
  assert.equal(decided.decisions.at(-1).remedy_due, '2099-12-31');
  await page.getByTestId('decisions').getByText(`(remedy: ${remedy}; due 2099-12-31)`).waitFor();
  const dossier = await fetch(`${base}/v1/cases/${id}/dossier`, { headers: { Authorization: `Bearer ${tokens.commission}` } });
  assert.ok(
    (await dossier.text()).includes(`| remedy_decided | c1 | Repeated fire from the same position (e2e). | ${remedy} (due 2099-12-31) |`),
  );
  // The queue shows the deadline; the remedies due by today are the server's, this one not yet.
  await page.getByLabel('State').selectOption('remedy_decided');
  await page.waitForFunction(
    (caseId) => [...document.querySelectorAll('#cases tbody tr')].some((tr) => tr.textContent.includes(caseId) && tr.textContent.includes('2099-12-31')),
    id,
  );
  await page.getByLabel('Only remedies due by today').check();
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const due = (await api('commission', `/v1/cases?state=remedy_decided&remedy_due_by=${today}&limit=1000`)).items.map((c) => c.case);
  assert.ok(!due.includes(id));
  await page.waitForFunction((n) => document.querySelectorAll('#cases tbody tr').length === n, due.length);
  assert.equal(await page.getByRole('alert').count(), 0);
  await finish(s, 'commission-remedy');
});

test('a Commission member takes over a case another member holds, saying why', async () => {
  // A third open case, claimed by the second member (c2) through the API.
  const open_cases = (await api('commission', '/v1/cases?state=open&limit=3')).items;
  assert.ok(open_cases.length > 2, 'the example opens three cases');
  const id = open_cases[2].case;
  const claimed = await fetch(`${base}/v1/cases/${id}/claim`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.commission2}` } });
  assert.equal(claimed.status, 200);
  const s = await open('commission', '#/commission?state=under_review');
  const { page } = s;
  await page.getByRole('button', { name: id, exact: true }).click();
  const form = page.getByTestId('take-over');
  await form.waitFor();
  const button = form.getByRole('button', { name: 'Take over from c2' });
  assert.equal(await button.isDisabled(), true, 'a case could be taken over without a reason');
  await form.getByLabel('Why take this case over (required)').fill('c2 is away this week (e2e).');
  await button.click();
  await page.waitForFunction(() => document.querySelector('[data-testid=case-claim]')?.textContent === 'claimed by c1');
  assert.equal(await page.getByTestId('takeovers').textContent(), `c1 took the case over from c2 at ${(await api('hq', `/v1/cases/${id}`)).takeovers[0].at}: c2 is away this week (e2e).`);
  // The new holder decides; the form is there now.
  await page.getByRole('radio', { name: /^attributed/ }).waitFor();
  // Its own queue: every case it holds, this one among them, and no other.
  await page.getByLabel('State').selectOption('');
  await page.getByLabel('Only the cases I hold').check();
  const mine = (await api('commission', '/v1/cases?claimed_by=c1&limit=1000')).items.map((c) => c.case);
  assert.ok(mine.includes(id));
  await page.waitForFunction((n) => document.querySelectorAll('#cases tbody tr').length === n, mine.length);
  const held = await page.$$eval('#cases tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual([...held].sort(), [...mine].sort());
  await finish(s, 'commission-takeover');
});

test('a case the engine left undetermined is attributed only with the party held responsible', async () => {
  const open_cases = (await api('commission', '/v1/cases?state=open&limit=1000')).items;
  const undetermined = open_cases.find((c) => c.attributed_party === 'undetermined');
  assert.ok(undetermined, 'the example opens an undetermined case');
  const id = undetermined.case;
  const claimed = await fetch(`${base}/v1/cases/${id}/claim`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.commission}` } });
  assert.equal(claimed.status, 200);
  const s = await open('commission', '#/commission?state=under_review');
  const { page } = s;
  await page.getByRole('button', { name: id, exact: true }).click();
  await page.getByTestId('case-detail').waitFor();
  await page.getByRole('radio', { name: /^attributed/ }).check();
  await page.getByLabel('Rationale (required)').fill('Crater analysis points to the east (e2e).');
  const record = page.getByRole('button', { name: 'Record decision' });
  assert.equal(await record.isDisabled(), true, 'an undetermined case could be attributed to nobody');
  const party = page.getByLabel(/^Party held responsible \(required/);
  const offered = await party.locator('option').evaluateAll((options) => options.map((o) => o.value));
  assert.deepEqual(offered, ['', 'UA', 'RU'], 'the parties offered are those holding a control area');
  await party.selectOption('RU');
  await record.click();
  await page.getByTestId('decision-recorded').waitFor();
  const decided = await api('commission', `/v1/cases/${id}`);
  assert.equal(decided.state, 'attributed');
  assert.equal(decided.decisions.at(-1).party, 'RU');
  const name = (await api('hq', '/v1/scenario/geometry')).parties.find((p) => p.id === 'RU').name;
  await page.getByTestId('decisions').getByText(`attributed (${name}) by c1`).waitFor();
  assert.equal(await page.getByTestId('case-held-responsible').textContent(), `${name}, by the Commission's attribution`);
  assert.equal(await page.getByRole('alert').count(), 0);
  await finish(s, 'commission-attribution');
});

test('the case queue filters by attributed party as the server does', async () => {
  const total = (await api('hq', '/v1/cases?party=RU&limit=1')).total;
  assert.ok(total > 0 && total < (await api('hq', '/v1/cases?limit=1')).total);
  const s = await open('hq', '#/commission');
  const { page } = s;
  await page.waitForSelector('#cases tbody tr');
  await page.waitForSelector('select[name=party] option[value=RU]', { state: 'attached' });
  await page.selectOption('select[name=party]', 'RU');
  await page.waitForFunction((n) => document.querySelector('[data-testid=cases-row-count]')?.textContent === `${n} rows`, total);
  assert.ok(page.url().includes('party=RU'), 'the filter is in the URL');
  const parties = await page.$$eval('#cases tbody td:nth-child(4)', (tds) => tds.map((td) => td.textContent));
  assert.ok(parties.length > 0 && parties.every((p) => p === 'Russian Federation'), parties.join(', '));
  await finish(s, 'commission-party');
});

test("a delegation sees its own national pledge and not another delegation's", async () => {
  const national = (await api('be', '/v1/pledges')).items.filter((p) => p.classification === 'national' && p.party === 'BE');
  assert.ok(national.length > 0, 'the example has a national-only pledge of BE');
  const secret = national[0].id;

  const fr = await open('fr', '#/force');
  await fr.page.waitForSelector('#pledges tbody tr');
  await fr.page.goto(`${base}/#/support`);
  await fr.page.waitForSelector('#force-pledges tbody tr');
  assert.equal(await fr.page.locator('#force-pledges tbody tr', { hasText: 'BE' }).count(), 0);
  await fr.page.goto(`${base}/#/force`);
  await fr.page.waitForSelector('#pledges tbody tr');
  assert.equal(await fr.page.locator('#pledges tbody tr', { hasText: 'BE' }).count(), 0);
  assert.ok(!(await fr.page.content()).includes(secret), `${secret} is not in FR's page`);
  assert.ok(fr.seen.bodies.length > 0);
  for (const body of fr.seen.bodies) assert.ok(!body.includes(secret), `${secret} is in no answer FR's page received`);
  await finish(fr, 'force-fr');

  const be = await open('be', '#/force');
  await be.page.locator('#pledges tbody tr', { hasText: secret }).waitFor();
  await finish(be, 'force-be');
});

test('a what-if toggle changes the coverage shown to what the server computes', async () => {
  const baseline = await api('hq', '/v1/force/coverage');
  const whatif = await api('hq', '/v1/force/whatif', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ drop: ['TR'], parliament_rejects: [], us_backstop: true }),
  });
  assert.notEqual(whatif.after.covered_units, baseline.covered_units, 'dropping TR changes coverage');
  const s = await open('hq', '#/force');
  const { page } = s;
  const covered = page.getByTestId('covered-units');
  await covered.waitFor();
  assert.equal(Number(await covered.textContent()), baseline.covered_units);
  // The figure says over which pledges it was computed: the reader's, national ones excluded.
  const readable = (await api('hq', '/v1/pledges')).items.length;
  await page.waitForFunction((n) => document.querySelector('[data-testid=coverage-summary]')?.textContent.includes(`over the ${n} pledges you may read`), readable);
  await page.getByTestId('drop-TR').check();
  await page.waitForFunction((n) => document.querySelector('[data-testid=covered-units]')?.textContent === String(n), whatif.after.covered_units);
  assert.ok(page.url().includes('drop=TR'), 'the what-if is in the URL');
  await finish(s, 'force-whatif');
});

test('the public sees no Commission, plan or ledger views', async () => {
  const s = await open('public', '#/map');
  const { page } = s;
  await page.waitForSelector('nav a');
  const views = await page.$$eval('nav a', (as) => as.map((a) => a.getAttribute('data-view')));
  assert.deepEqual(views, ['map', 'monitoring']);
  await page.goto(`${base}/#/ledger`);
  await page.getByTestId('not-allowed').waitFor();
  await page.goto(`${base}/#/commission`);
  await page.getByTestId('not-allowed').waitFor();
  const r = await fetch(`${base}/v1/ledger/head`, { headers: { Authorization: `Bearer ${tokens.public}` } });
  assert.equal(r.status, 403, 'and the server refuses it too');
  await finish(s, 'public');
});

test('a view is reached and opened with the keyboard alone', async () => {
  const s = await open('hq', '#/map');
  const { page } = s;
  await page.waitForSelector('nav a');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('data-view') === 'force');
  }
  assert.ok(reached, 'Tab reaches the Force link');
  await page.keyboard.press('Enter');
  await page.waitForSelector('main[data-view=force] h1');
  assert.equal(await page.locator('main h1').textContent(), 'Force');
  await finish(s, 'keyboard');
});

test('right-to-left: the navigation sits on the right and nothing overflows', async () => {
  for (const view of ['map', 'monitoring', 'force', 'commission']) {
    const s = await open('hq', `#/${view}?dir=rtl`);
    const { page } = s;
    await page.waitForSelector('main h1');
    await page.waitForSelector('main table tbody tr'); // the view's rows are in
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    const nav = await page.locator('nav.sidenav').boundingBox();
    const main = await page.locator('main').boundingBox();
    assert.ok(nav.x > main.x, `${view}: the navigation (x=${nav.x}) is right of the content (x=${main.x})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${view}: the page overflows sideways by ${overflow}px`);
    await finish(s, `rtl-${view}`);
  }
});

// How many lines the text of each element matched by `selector` takes: the distinct tops of the
// boxes of its text (wrapped text breaks into boxes one line apart; controls are not counted).
async function linesOf(page, selector) {
  return page.$$eval(selector, (els) =>
    els.map((el) => {
      const tops = new Set();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) tops.add(Math.round(r.top));
      }
      return tops.size;
    }),
  );
}

test('ids and times stay on one line, confidences line up, legend marks keep their size', async () => {
  const first = (await api('commission', '/v1/cases?limit=1')).items[0].case;
  const s = await open('commission', `#/commission?case=${encodeURIComponent(first)}`);
  const { page } = s;
  await page.getByTestId('case-detail').waitFor();
  await page.waitForSelector('#cases tbody tr');
  // With a case open the queue has half the width: ids and times scroll rather than break.
  const idLines = await linesOf(page, '#cases tbody td:nth-child(1) button');
  const openedLines = await linesOf(page, '#cases tbody td:nth-child(6)');
  assert.ok(idLines.length > 0 && idLines.every((n) => n === 1), `case ids on ${idLines} lines`);
  assert.ok(openedLines.every((n) => n === 1), `opening times on ${openedLines} lines`);
  const confidences = await page.$$eval('#cases tbody td:nth-child(5)', (tds) => tds.map((td) => td.textContent));
  const expected = (await api('commission', '/v1/cases?limit=25')).items.map((c) => c.attribution_confidence.toFixed(3));
  assert.deepEqual(confidences, expected);

  await page.goto(`${base}/#/monitoring`);
  await page.waitForSelector('.chart .legend li');
  const marks = await page.$$eval('.legend svg', (svgs) => svgs.map((svg) => svg.getBoundingClientRect()));
  assert.ok(marks.length > 0);
  for (const m of marks) assert.ok(m.width <= 14 && m.height <= 14, `a legend mark of ${m.width}x${m.height}px`);

  await page.goto(`${base}/#/force`);
  await page.waitForSelector('.toggle-row');
  const toggles = await linesOf(page, '.toggle-row label');
  assert.ok(toggles.length > 0 && toggles.every((n) => n === 1), `what-if toggles on ${toggles} lines`);
  await finish(s, 'layout');
});

async function exported(page, id) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`${id}-export`).click()]);
  const text = readFileSync(await download.path(), 'utf8');
  return text.split('\n').filter((l) => l !== '').length - 1; // no field of these exports breaks a line
}

test("a view's CSV export has exactly the rows the view shows", async () => {
  const query = 'party=RU&zone=security_zone';
  const total = (await api('hq', `/v1/violations?${query}&limit=1`)).total;
  const s = await open('hq', `#/monitoring?${query}`);
  const { page } = s;
  await page.waitForFunction(() => /^[1-9]\d* rows?$/.test(document.querySelector('[data-testid=violations-row-count]')?.textContent ?? ''));
  const shown = Number((await page.getByTestId('violations-row-count').textContent()).split(' ')[0]);
  assert.equal(shown, total);
  assert.equal(await exported(page, 'violations'), shown);

  // The map with the time slider moved: the export asks the server for the same window.
  const to = '2026-02-02T12:00:00Z';
  await page.goto(`${base}/#/map?to=${encodeURIComponent(to)}`);
  const { shown: onMap } = await countText(page);
  const expected = (await api('hq', `/v1/violations?to=${encodeURIComponent(to)}&limit=1`)).total;
  assert.equal(onMap, expected);
  assert.equal(Number((await page.getByTestId('incidents-row-count').textContent()).split(' ')[0]), onMap);
  assert.equal(await exported(page, 'incidents'), onMap);
  await finish(s, 'export');
});

test('every view opens for the HQ with its rows, without script errors', async () => {
  const s = await open('hq', '#/map');
  const { page } = s;
  for (const view of ['map', 'monitoring', 'commission', 'force', 'guarantees', 'support', 'ledger']) {
    await page.goto(`${base}/#/${view}`);
    await page.waitForSelector(`main[data-view=${view}] h1`);
    await page.waitForSelector('main table tbody tr');
    await page.screenshot({ path: join(artifacts, `view-${view}.png`), fullPage: true });
  }
  const activations = (await api('hq', '/v1/activations')).items.length;
  await page.goto(`${base}/#/guarantees`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=activation]').length === n, activations);
  await finish(s, 'views');
});
