import { checkReportJson } from './format-json';
import { checkSectionHtml } from './format-html';
import { checkReportText } from './format-text';
import { runCheck, TWIN_KEYS_NOTE } from './run-check';
import type { SnapshotSet } from './snapshot';
import { certificate, cluster, replacing } from './test-support/snapshots';

const base = cluster();
const set = (keysMinted: boolean, title = 'hq'): SnapshotSet => ({
  scenario: 'twin-<hq>',
  file: 'twin.yaml',
  now: '2026-03-01T09:00:00.000Z',
  keysMinted,
  source: keysMinted ? 'twin' : 'simulator',
  clusters: [cluster({ name: title, identities: replacing(base, certificate('sub1', 'TVS', { notAfter: '2026-03-11T00:00:00Z', subject: 'CN=<script>alert(1)</script>' })) })],
});

describe('check reports', () => {
  it('text: the finding with its rule and sources, the twin note once, the verdict against --fail-on', () => {
    const text = checkReportText(runCheck(set(true), { days: 90, failOn: 'high' }));
    expect(text.split(TWIN_KEYS_NOTE).length).toBe(2);
    expect(text).toMatch(/^HIGH {3}hq\/sub1 TVS expires 2026-03-11 \(in 9 days\)$/m);
    expect(text).toMatch(/rule certificate-expiring \[chapter\] \[SREGEN\] \[S125DEF\]/);
    expect(text).toMatch(/1 finding \(1 high\) · FAIL: at or above --fail-on high$/);
    expect(checkReportText(runCheck(set(false), { days: 5, failOn: 'high' }))).toMatch(/No risk found[\s\S]*pass: nothing at or above --fail-on high$/);
  });

  it('a finding\'s sources include every tag its text cites', () => {
    const [finding] = runCheck(set(false), { days: 90, failOn: 'high' }).findings;
    expect(finding.sources).toEqual(['chapter', 'SREGEN', 'S125DEF']);
  });

  it('JSON: versioned, the twin note present only for a twin', () => {
    const twin = JSON.parse(checkReportJson(runCheck(set(true), { days: 90, failOn: 'medium' })));
    expect(twin).toMatchObject({ format: 'trustsim-check', format_version: 1, failOn: 'medium', failed: true, twinNote: TWIN_KEYS_NOTE, counts: { high: 1 } });
    expect(JSON.parse(checkReportJson(runCheck(set(false), { days: 90, failOn: 'high' }))).twinNote).toBeUndefined();
  });

  it('HTML: a section for the report, every text escaped', () => {
    const html = checkSectionHtml(runCheck(set(true), { days: 90, failOn: 'high' }));
    expect(html).toMatch(/^<section id="risks"/);
    expect(html).not.toMatch(/<script>/);
    expect(html).toMatch(/CN=&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    expect(html.split('private keys stay on the cluster').length).toBe(2);
  });
});
