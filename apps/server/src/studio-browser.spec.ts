import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runCli, EXIT } from '../../cli/src/cli';
import { startStudioFixture, StudioFixture, TOGETHER } from './test-support/studio-fixture';

/*
 * The studio in a real browser: Debian's Chromium driven by playwright-core (no browser is downloaded).
 * The story of the issue: open the library, run the 11.5 "CallManager and TVS together" scenario, see
 * 500 locked, click a phone and read the TVS handshake failure, scrub back to step 1, run a training
 * session that types `utils itl reset localkey`, and save it as a scenario that `trustsim validate` accepts.
 * With STUDIO_SCREENSHOTS=1 it also writes the README's screenshots into docs/images/.
 */

// What the page callbacks below see in the browser (this file is type-checked without the DOM library).
declare const document: { querySelector(selector: string): { textContent: string | null } | null; querySelectorAll(selector: string): { length: number } };
declare const window: unknown;
declare class Event {
  constructor(type: string);
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const SCREENSHOTS = process.env.STUDIO_SCREENSHOTS === '1' ? join(__dirname, '../../../docs/images') : undefined;
const available = existsSync(CHROMIUM);
if (!available) console.warn(`studio browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

(available ? describe : describe.skip)('trustsim studio in Chromium', () => {
  let studio: StudioFixture;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    // The UI as the current sources build it (what `npm ci` builds into dist/ui).
    const uiDir = mkdtempSync(join(tmpdir(), 'trustsim-ui-'));
    require('../../../scripts/build-ui.js').buildUi(join(__dirname, '../ui'), uiDir);
    studio = await startStudioFixture({ uiDir });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  const ready = (name: string) => page.waitForSelector(`body[data-ready="${name}"]`, { timeout: 60_000 });
  const count = (status: string) => page.locator(`[data-testid="count-${status}"] b`).innerText();

  it('library → run the 11.5 scenario → 500 locked → a phone\'s TVS handshake failure → back to step 1', async () => {
    await page.goto(studio.base);
    await ready('library');
    await page.click(`button[data-run="${TOGETHER}"]`);
    await ready('runs');
    // The run may still be going when its page opens: server-sent events bring it to its end.
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'expectations hold', undefined, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="count-locked"] b')?.textContent === '500', undefined, { timeout: 60_000 });
    expect(await count('trusted')).toBe('0');

    const cell = await page.evaluate(() => (window as unknown as { studio: { viewer: { phoneGrid: { cellCenter(i: number): { x: number; y: number } } } } }).studio.viewer.phoneGrid.cellCenter(0));
    await page.locator('canvas.phone-grid').click({ position: cell });
    await page.waitForFunction(() => /TLS handshake failed/.test(document.querySelector('[data-testid="explanation"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.locator('[data-testid="explanation"] .verdict').innerText()).toMatch(/locked/);

    await page.click('[data-testid="show-trust-files"]');
    await page.waitForFunction(() => /verified: signed by record/.test(document.querySelector('[data-testid="trust-files"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'studio-run.png'), fullPage: true });

    // Scrub back to the state after step 1 (TVS regenerated): every phone degraded, none locked.
    await page.locator('[data-testid="scrubber"]').evaluate((input) => {
      (input as unknown as { value: string }).value = '1';
      input.dispatchEvent(new Event('input') as never);
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="count-degraded"] b')?.textContent === '500', undefined, { timeout: 30_000 });
    expect(await count('locked')).toBe('0');
    expect(await page.locator('[data-testid="step-label"]').innerText()).toMatch(/after 1\. regenerate TVS/);
    // The phone picked is explained as it stood then.
    await page.waitForFunction(() => /degraded/.test(document.querySelector('[data-testid="explanation"] h3')?.textContent ?? ''), undefined, { timeout: 30_000 });

    // What if TVS kept its answers across a reset? The same scenario under that reading, and the diff opens.
    await page.selectOption('select[data-assumption="tvsCacheAcrossReset"]', 'kept');
    await page.click('[data-testid="what-if-tvsCacheAcrossReset"]');
    await ready('diff');
    expect(await page.locator('[data-testid="diff-summary"]').innerText()).toMatch(/(\d+ phones differ|no phone differs) .*\d+ unchanged/);
  }, 180_000);

  it('training: `utils itl reset localkey` in the console, saved as a scenario that `trustsim validate` accepts', async () => {
    await page.goto(`${studio.base}/#/`);
    await ready('library');
    await page.click(`button[data-train="${TOGETHER}"]`);
    await ready('training');
    const input = page.locator('[data-testid="console-input"]');
    await input.fill('utils itl reset localkey');
    await input.press('Enter');
    await page.waitForFunction(() => /utils itl reset localkey.* — trusted \d+/.test(document.querySelector('[data-testid="console-output"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelectorAll('.timeline li').length === 2, undefined, { timeout: 30_000 });
    await input.fill('show itl');
    await input.press('Enter');
    await page.waitForFunction(() => /ITLFile\.tlv: \d+ bytes, signed by/.test(document.querySelector('[data-testid="console-output"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'studio-training.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="save-scenario"]')]);
    const saved = join(mkdtempSync(join(tmpdir(), 'trustsim-saved-')), download.suggestedFilename());
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toMatch(/command: utils itl reset localkey/);
    const out: string[] = [];
    const code = await runCli(['node', 'trustsim', 'validate', saved], { out: (s) => out.push(s), err: (s) => out.push(s) });
    expect(out.join('\n')).toMatch(/valid \(1 cluster\(s\), 1 steps, 500 phones\)/);
    expect(code).toBe(EXIT.ok);
  }, 180_000);

  it('the page breaks no rule of its Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
