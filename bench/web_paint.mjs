// Time to first meaningful paint of the dashboard's map: from navigation start to the mark the
// map sets once the line of contact and the violations are drawn (performance.mark('map-ready'),
// web/src/views/map_view.tsx), in headless Chromium, each load in a fresh browser context (empty
// cache, a new session). Also reports when the basemap is drawn ('basemap-ready').
//
//   node bench/web_paint.mjs --url URL --token TOKEN [--runs 20] [--json]
// (bench/web_paint.sh starts a server on the example and runs this.)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(join(root, 'web', 'package.json'))('playwright-core');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const url = opt('url');
const token = opt('token');
const runs = Number(opt('runs', '20'));
const json = args.includes('--json');
if (!url || !token || !(runs > 0)) {
  console.error('usage: node bench/web_paint.mjs --url URL --token TOKEN [--runs N] [--json]');
  process.exit(2);
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p90: at(0.9), min: s[0], max: s[s.length - 1] };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const ready = [];
const basemap = [];
let violations = 0;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript((t) => sessionStorage.setItem('guarantor.token', t), token);
  await page.goto(`${url}/#/map`);
  await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0 &&
                                   performance.getEntriesByName('basemap-ready').length > 0, null, { timeout: 30000 });
  const marks = await page.evaluate(() => ({
    ready: performance.getEntriesByName('map-ready')[0].startTime,
    basemap: performance.getEntriesByName('basemap-ready')[0].startTime,
    count: document.querySelector('[data-testid=violation-count]')?.textContent ?? '',
  }));
  ready.push(marks.ready);
  basemap.push(marks.basemap);
  violations = Number(marks.count.split(' ')[0]);
  await context.close();
}
await browser.close();

const result = {
  runs,
  violations,
  map_ready_ms: Object.fromEntries(Object.entries(stats(ready)).map(([k, v]) => [k, Math.round(v)])),
  basemap_ready_ms: Object.fromEntries(Object.entries(stats(basemap)).map(([k, v]) => [k, Math.round(v)])),
};
if (json) {
  console.log(JSON.stringify(result));
} else {
  const r = result.map_ready_ms;
  const b = result.basemap_ready_ms;
  console.log(`map ready (line of contact and ${violations} violations drawn), ${runs} loads: ` +
              `median ${r.median} ms, p90 ${r.p90} ms (min ${r.min}, max ${r.max})`);
  console.log(`basemap drawn: median ${b.median} ms, p90 ${b.p90} ms`);
}
