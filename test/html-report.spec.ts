import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, BrowserContext } from 'playwright-core';
import { RunResult, toHtmlReport } from '@trustsim/application';
import { createTestApp, runScenario } from '../libs/application/src/test-support/test-app';
import { sampleRunResult } from '../libs/application/src/reports/test-support/sample-run-result';

/*
 * Opens the HTML report in a real browser: Debian's Chromium, headless, never one downloaded by a tool.
 * It checks that the page renders with no request leaving the file and no script. It also writes the
 * README's screenshot (docs/images/report-example.png) from a real run of the README's quick-start scenario.
 */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// The README's screenshot is refreshed only when asked (UPDATE_SCREENSHOT=1), so a test run leaves the tree clean.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT
  ? join(__dirname, '../docs/images/report-example.png')
  : join(require('node:os').tmpdir(), `trustsim-report-${process.pid}.png`);


/** The README's quick-start scenario: locked, then waiting for a reset, then trusted again, in two rounds. */
async function runRealScenario(): Promise<RunResult> {
  const app = await createTestApp();
  return runScenario(app, 'itl-recovery-nonsecure.yaml').finally(() => app.close());
}

const SKIPPED = `skipped the browser test: ${CHROMIUM} not found (apt-get install -y chromium)`;
const describeWithChromium = existsSync(CHROMIUM)
  ? describe
  : (name: string) => describe(name, () => it.skip(SKIPPED, () => console.log(SKIPPED)));
if (!existsSync(CHROMIUM)) console.log(SKIPPED);

describeWithChromium('the HTML report in a browser', () => {
  let dir: string;
  let profile: string;
  let browser: BrowserContext;
  let realRun: RunResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trustsim-html-'));
    // A fresh profile each run: launchPersistentContext is how Playwright takes a --user-data-dir.
    profile = mkdtempSync(join(tmpdir(), 'trustsim-chromium-'));
    // The browser starts while the scenario runs: the two are the slow parts of this file.
    [browser, realRun] = await Promise.all([
      chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: FLAGS,
        viewport: { width: 1280, height: 900 },
        deviceScaleFactor: 1,
        javaScriptEnabled: false,
      }),
      runRealScenario(),
    ]);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    for (const d of [profile, dir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  /** Opens a report from a file, recording every request and console error the page makes. */
  async function open(name: string, html: string) {
    const file = join(dir, name);
    writeFileSync(file, html, 'utf8');
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, url: pathToFileURL(file).href, requests, errors };
  }

  it('renders a real run with nothing fetched, and writes the README screenshot', async () => {
    const { page, url, requests, errors } = await open('itl-recovery.html', toHtmlReport(realRun));

    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    expect(await page.locator('h1').innerText()).toBe('Regenerate ITLRecovery on a non-secure 12.5 cluster, two reset rounds');
    expect(await page.locator('.badge').innerText()).toBe('PASSED');
    expect(await page.locator('#timeline svg g rect').count()).toBeGreaterThan(8);
    // The chart is laid out, not collapsed: a projector-sized width and a readable height.
    const box = (await page.locator('#timeline svg').boundingBox())!;
    expect(box.width).toBeGreaterThan(1000);
    expect(box.height).toBeGreaterThan(300);

    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    await page.close();
  }, 30_000);

  it('shows a scenario title that holds a <script> as text, and runs nothing', async () => {
    const sample = sampleRunResult();
    const title = '<script>document.title="pwned"</script>';
    const { page, requests, url, errors } = await open('injection.html', toHtmlReport({ ...sample, scenario: { ...sample.scenario, title } }));
    expect(await page.locator('h1').innerText()).toBe(title);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.title()).toBe(`FAILED: ${title}`);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});
