import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSUMPTIONS } from '@trustsim/domain';
import { REPORT_FORMAT_VERSION, reportGroupKey, toRunReport, toRunReportJson, tvsAnswersByGroup } from './run-report';
import { sampleRunResult, sampleWithTvsAnswers } from './test-support/sample-run-result';
import { findToolInfo, toolInfo } from './tool-info';

const ROOT = join(__dirname, '../../../..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

describe('the JSON run report (a versioned public document)', () => {
  it('carries format_version 1 and the tool name and version from package.json', () => {
    const report = toRunReport(sampleRunResult());
    expect(report.format_version).toBe(1);
    expect(REPORT_FORMAT_VERSION).toBe(1);
    expect(report.tool).toEqual({ name: 'trustsim', version: PACKAGE.version });
  });

  it('finds package.json from the swc build folder (dist/libs/...) as well as from the sources', () => {
    expect(toolInfo().version).toBe(PACKAGE.version);
    expect(findToolInfo(join(ROOT, 'dist/libs/application/src/reports'))).toEqual({ name: 'trustsim', version: PACKAGE.version });
  });

  it('is deterministic: the same RunResult gives byte-identical JSON, whatever object it arrives in', () => {
    const a = toRunReportJson(sampleRunResult());
    const b = toRunReportJson(JSON.parse(JSON.stringify(sampleRunResult())));
    expect(b).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
  });

  it('names the run: id, scenario, title, file, seed, start', () => {
    expect(toRunReport(sampleRunResult()).run).toEqual({
      id: 'a1b2c3d4e5f6',
      completed: true,
      stopped_after_step: null,
      scenario: 'sample-rollout',
      title: 'Regenerate CallManager & TVS on <hq> — "projector" check',
      file: '/repo/scenarios/sample-rollout.yaml',
      seed: 42,
      start: '2026-01-05T08:00:00Z',
    });
  });

  it('counts every group from the outcomes, in scenario order, with the ITL signers held and manual deletes', () => {
    const result = sampleRunResult();
    const report = toRunReport(result);
    expect(report.groups.map((g) => `${g.cluster}/${g.group}`)).toEqual(['hq/lobby', 'hq/legacy', 'hq/floor2']);
    for (const g of report.groups) {
      const mine = result.outcomes.filter((o) => o.group === g.group);
      expect(g.phones).toBe(mine.length);
      for (const s of Object.keys(g.counts) as (keyof typeof g.counts)[]) expect(g.counts[s]).toBe(mine.filter((o) => o.status === s).length);
      expect(g.needs_manual_itl_delete).toBe(mine.filter((o) => o.needsManualTrustListDelete).length);
    }
    const lobby = report.groups[0];
    expect(lobby.counts).toEqual({ trusted: 3, degraded: 1, locked: 2, unregistered: 0, off: 0 });
    expect(lobby.itl_signers).toEqual([
      { signer: { cluster: 'hq', node: 'pub', purpose: 'CallManager', generation: 1 }, label: 'CallManager hq/pub gen 1', phones: 3 },
      { signer: { cluster: 'hq', node: 'pub', purpose: 'ITLRecovery', generation: 2 }, label: 'ITLRecovery hq/pub gen 2', phones: 3 },
    ]);
    expect(report.groups[1].itl_signers).toEqual([{ signer: null, label: 'none', phones: 2 }]);
    expect(report.summary).toEqual({ phones: 12, counts: { trusted: 5, degraded: 1, locked: 2, unregistered: 3, off: 1 }, needs_manual_itl_delete: 2, expectations: 3, expectations_failed: 1 });
  });

  it('says per group which TVS vouched for what: distinct last TVS answers, phones counted per group, most first', () => {
    const report = toRunReport(sampleWithTvsAnswers());
    expect(report.groups.map((g) => [g.group, g.tvs])).toEqual([
      ['lobby', [{ answer: 'hq/sub1 vouched', phones: 3 }, { answer: 'hq/sub1 handshake-failed, hq/sub2 unreachable', phones: 2 }]],
      ['legacy', []],
      ['floor2', [{ answer: 'hq/sub2 vouched', phones: 2 }, { answer: 'hq/sub1 vouched', phones: 1 }]],
    ]);
    expect(Object.keys(report.groups[0])).toEqual(['cluster', 'group', 'model', 'phones', 'counts', 'itl_signers', 'tvs', 'needs_manual_itl_delete', 'failing', 'failing_listed']);
    expect(toRunReport(sampleRunResult()).groups.map((g) => g.tvs)).toEqual([[], [], []]);
  });

  it('tvsAnswersByGroup keys groups like the report and leaves out groups without an answer', () => {
    const { outcomes } = sampleWithTvsAnswers();
    const byGroup = tvsAnswersByGroup(outcomes);
    expect([...byGroup.keys()]).toEqual([reportGroupKey(outcomes[0]), reportGroupKey(outcomes[8])]);
    expect(byGroup.get(reportGroupKey({ cluster: 'hq', group: 'floor2', model: 'CP-8865' }))).toEqual([
      { answer: 'hq/sub2 vouched', phones: 2 },
      { answer: 'hq/sub1 vouched', phones: 1 },
    ]);
  });

  it('lists the timeline with step index, label and simulated time in ms, words and ISO', () => {
    const t = toRunReport(sampleRunResult()).timeline;
    expect(t.map((e) => e.step)).toEqual(['install', 0, 1, 2, 3, 4, 'settle']);
    expect(t[4]).toMatchObject({ label: '4. waitFor all settled', at_ms: 360_000, at_label: '6m', at_iso: '2026-01-05T08:06:00.000Z' });
    expect(t[5]).toMatchObject({ at_label: '1h 05m', at_iso: '2026-01-05T09:05:00.000Z' });
  });

  it('lists failing phones worst first, at most N per group, with their explanation when there is one', () => {
    const report = toRunReport(sampleRunResult(), { maxExplainedPerGroup: 2 });
    expect(report.failing_phones.total).toBe(6);
    expect(report.failing_phones.per_group_limit).toBe(2);
    expect(report.failing_phones.phones.map((p) => `${p.group}:${p.status}`)).toEqual(['lobby:locked', 'lobby:locked', 'floor2:unregistered', 'floor2:unregistered']);
    expect(report.failing_phones.phones[0].explanation?.[3]).toMatch(/^locked: delete the ITL/);
    expect('explanation' in report.failing_phones.phones[2]).toBe(false);
    expect(report.groups.map((g) => [g.failing, g.failing_listed])).toEqual([[3, 2], [0, 0], [3, 2]]);
  });

  it('shows every assumption with its value, default, sources and who set it', () => {
    const { assumptions } = toRunReport(sampleRunResult());
    expect(assumptions.map((a) => a.name)).toEqual(Object.keys(ASSUMPTIONS));
    expect(assumptions.find((a) => a.name === 'configSignatureFailure')).toMatchObject({ value: 'unregistered', default: 'degraded', differs_from_default: true, origin: 'scenario' });
    expect(assumptions.find((a) => a.name === 'trustDeleteScope')).toMatchObject({ value: 'node', differs_from_default: true, origin: 'command-line' });
    expect(assumptions.find((a) => a.name === 'tvsVouchesForOwnItlRecovery')).toMatchObject({ value: false, differs_from_default: false, origin: 'default' });
    for (const a of assumptions) expect(a.sources).toBe(ASSUMPTIONS[a.name as keyof typeof ASSUMPTIONS].sources);
  });

  it('keeps each expectation with its location, step (null for the final expect) and detail', () => {
    const e = toRunReport(sampleRunResult()).expectations;
    expect(e[0]).toEqual({ location: '/repo/scenarios/sample-rollout.yaml:30:5', step: 3, description: 'group legacy: status trusted', passed: true, detail: '2 of 2 match' });
    expect(e[1].step).toBeNull();
    expect(e[1].passed).toBe(false);
  });

  it('adds the full phone list only when asked', () => {
    expect(toRunReport(sampleRunResult()).phones).toBeUndefined();
    const phones = toRunReport(sampleRunResult(), { includePhones: true }).phones!;
    expect(phones).toHaveLength(12);
    expect(phones[6]).toEqual({ name: 'SEP001122334420', cluster: 'hq', group: 'legacy', model: 'CP-7960', status: 'trusted', itl: null, config: 'accepted', registration: 'non-secure', registered_to: 'hq/sub1', itl_signer: null, needs_manual_itl_delete: false });
  });

  it('gives a phone its CTL decision (mixed mode) and leaves the field out for phones that never saw a CTL', () => {
    const sample = sampleRunResult();
    const result = { ...sample, outcomes: sample.outcomes.map((o, i) => (i === 0 ? { ...o, ctl: 'trust-list-update-failed' as const } : o)) };
    const phones = toRunReport(result, { includePhones: true }).phones!;
    expect(phones[0].ctl).toBe('trust-list-update-failed');
    expect('ctl' in phones[1]).toBe(false);
  });

  it('says where a run stopped when it did not complete (--at)', () => {
    const sample = sampleRunResult();
    const report = toRunReport({ ...sample, completed: false, timeline: sample.timeline.slice(0, 3) });
    expect(report.run).toMatchObject({ completed: false, stopped_after_step: 1 });
  });
});
