#!/usr/bin/env node
// Measures the studio's speed figures of issue 16 on a 40,000-phone run (after `npm run build`):
//   - GET /api/runs/:id/state: time and size on the wire, cold (the first read folds the stored run) and warm;
//   - the run page in Chromium: interactive (grid drawn) after opening a stored run, cold and warm server;
//   - the scrubber: time from moving it to the grid redrawn, for each step (first visit and again).
// Usage: node scripts/measure-studio.js [--phones 40000] [--chromium /usr/bin/chromium] [--screenshot file.png] [--write figures.txt]
// Each server is started fresh on the same SQLite file, so "cold" means nothing of the run is cached.
require('reflect-metadata');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseDocument } = require('yaml');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const phones = Number(arg('--phones', 40000));
const chromiumPath = arg('--chromium', '/usr/bin/chromium');
const { startStudio } = require(path.join(root, 'dist/apps/server/src/create-studio'));

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** A GET whose body is counted as it comes off the wire (fetch would decompress it). */
async function get(base, url, gzip) {
  const http = require('node:http');
  return timed(
    () =>
      new Promise((resolve, reject) => {
        http
          .get(`${base}${url}`, { headers: { 'Accept-Encoding': gzip ? 'gzip' : 'identity' } }, (res) => {
            let wire = 0;
            res.on('data', (chunk) => (wire += chunk.length));
            res.on('end', () => resolve({ status: res.statusCode, wire, encoding: res.headers['content-encoding'] ?? 'identity' }));
          })
          .on('error', reject);
      }),
  );
}

function library(dir) {
  // The 11.5 "CallManager and TVS together" scenario, its two groups grown to `phones` in all.
  const source = path.join(root, 'scenarios/regen-callmanager-and-tvs-together-11.5.yaml');
  const doc = parseDocument(fs.readFileSync(source, 'utf8'));
  const groups = doc.getIn(['clusters', 'hq', 'phones']).items;
  groups[0].set('count', Math.round(phones * 0.6));
  groups[1].set('count', phones - Math.round(phones * 0.6));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'big.yaml'), doc.toString());
}

(async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trustsim-measure-'));
  const options = { store: path.join(work, 'studio.db'), library: path.join(work, 'library'), cwd: root, host: '127.0.0.1', port: 0 };
  library(options.library);
  const lines = [`trustsim studio figures: ${phones} phones (${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`];
  const out = (s) => {
    lines.push(s);
    console.log(s);
  };

  // 1. The run, stored through the API.
  let studio = await startStudio(options);
  const made = await timed(async () => (await fetch(`${studio.url}api/runs`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: 'big.yaml', wait: true }) })).json());
  const runId = made.value.run_id;
  out(`run ${runId} stored in ${(made.ms / 1000).toFixed(1)} s (${made.value.events} events)`);
  await studio.close();

  // 2. The state endpoint, on a fresh server that warms nothing (cold), then warm, for every step.
  studio = await startStudio({ ...options, warmLatestRun: false });
  let base = studio.url.replace(/\/$/, '');
  const cold = await get(base, `/api/runs/${runId}/state`, true);
  out(`GET /state cold (fold of the stored run): ${cold.value.status} in ${cold.ms.toFixed(0)} ms, ${cold.value.wire} B on the wire (${cold.value.encoding})`);
  const outline = await (await fetch(`${base}/api/runs/${runId}/outline`)).json();
  const ats = outline.timeline.map((e) => (e.step === 'install' ? '0' : typeof e.step === 'number' ? String(e.step + 1) : 'end'));
  for (const at of ats) {
    const plain = await get(base, `/api/runs/${runId}/state?at=${at}`, false);
    const zipped = await get(base, `/api/runs/${runId}/state?at=${at}`, true);
    out(`GET /state?at=${at.padEnd(3)} warm: ${plain.ms.toFixed(1).padStart(6)} ms, ${plain.value.wire} B (identity) / ${zipped.value.wire} B (gzip, ${zipped.ms.toFixed(1)} ms)`);
  }
  const order = await get(base, `/api/runs/${runId}/phones`, true);
  out(`GET /phones (once per page): ${order.ms.toFixed(0)} ms, ${order.value.wire} B (${order.value.encoding})`);
  await studio.close();
  studio = undefined;

  // 3. The run page in Chromium.
  if (!fs.existsSync(chromiumPath)) {
    out(`browser figures skipped: no Chromium at ${chromiumPath}`);
  } else {
    const { chromium } = require('playwright-core');
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    for (const label of ['cold server (no warm-up: the page waits for the fold)', 'server just started (its warm-up of the latest run already under way)', 'warm server']) {
      if (!label.startsWith('warm')) {
        await studio?.close();
        studio = await startStudio({ ...options, warmLatestRun: !label.startsWith('cold') });
        base = studio.url.replace(/\/$/, '');
      }
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      // A person opening the printed URL a moment after `trustsim serve` started.
      if (!label.startsWith('warm')) await new Promise((resolve) => setTimeout(resolve, label.startsWith('cold') ? 0 : 500));
      const t0 = Date.now();
      await page.goto(`${base}/#/runs/${runId}`);
      await page.waitForSelector('body[data-ready="runs"]', { timeout: 120_000 });
      const wall = Date.now() - t0;
      const nav = await page.evaluate(() => performance.now());
      out(`run page interactive (${label}): ${wall} ms from opening it (grid of ${phones} phones drawn; ${nav.toFixed(0)} ms since navigation start)`);
      if (label === 'warm server' && args.includes('--screenshot')) await page.screenshot({ path: arg('--screenshot'), fullPage: false });
      if (label === 'warm server') {
        const frames = outline.timeline.length;
        for (const pass of ['first visit', 'again']) {
          const times = [];
          for (const f of [...Array(frames).keys()].reverse()) {
            times.push(
              await page.evaluate(async (frame) => {
                const input = document.querySelector('[data-testid="scrubber"]');
                const viewer = document.querySelector('.run-viewer');
                const t = performance.now();
                input.value = String(frame);
                input.dispatchEvent(new Event('input'));
                await new Promise((resolve) => {
                  const check = () => (viewer.dataset.frame === String(frame) ? resolve() : requestAnimationFrame(check));
                  check();
                });
                await new Promise((resolve) => requestAnimationFrame(() => resolve()));
                return performance.now() - t;
              }, f),
            );
          }
          const draw = await page.evaluate(() => window.studio.viewer.phoneGrid.lastDrawMs);
          out(`scrubber → grid redrawn (${pass}): ${times.map((t) => t.toFixed(0)).join(', ')} ms over ${frames} positions; max ${Math.max(...times).toFixed(0)} ms (canvas draw alone ${draw.toFixed(1)} ms)`);
        }
      }
      await page.close();
    }
    await browser.close();
    await studio.close();
  }
  fs.rmSync(work, { recursive: true, force: true });
  if (args.includes('--write')) fs.writeFileSync(arg('--write'), `${lines.join('\n')}\n`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
