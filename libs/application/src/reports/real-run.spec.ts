import { countStatuses } from '../engine/phone-fleet';
import { useTestApp } from '../test-support/test-app';
import { toHtmlReport } from './html-report';
import { toJUnitXml } from './junit-report';
import { toRunReport } from './run-report';
import { itWithXmllint, junitSchemaErrors } from './test-support/xmllint';

/** The reports of real runs, not hand-written ones: the simulator's RunResult is what they render. */
describe('reports of real runs', () => {
  const scenarios = useTestApp();

  it('[SREGEN] CallManager and TVS regenerated together on 11.5: every phone locked, every expectation holds', async () => {
    const result = await scenarios.run('regen-callmanager-and-tvs-together-11.5.yaml');
    const report = toRunReport(result);
    expect(report.passed).toBe(true);
    expect(report.summary.counts).toEqual(countStatuses(result.outcomes));
    expect(report.groups.map((g) => [g.group, g.phones, g.counts.locked, g.needs_manual_itl_delete])).toEqual([
      ['floor1', 300, 300, 300],
      ['floor2', 200, 200, 200],
    ]);
    expect(report.timeline[report.timeline.length - 1]).toMatchObject({ step: 'settle', counts: { locked: 500 } });
    expect(report.failing_phones).toMatchObject({ total: 500, per_group_limit: 10 });
    expect(report.failing_phones.phones).toHaveLength(20);
    expect(report.expectations.every((e) => e.passed)).toBe(true);

    const xml = toJUnitXml(result);
    expect(xml).toContain('tests="3" failures="0" errors="0"');
    expect(xml).not.toContain('<failure');

    const html = toHtmlReport(result);
    expect(html).toContain('<span class="badge pass">PASSED</span>');
    expect(html).not.toMatch(/https?:\/\//);
  }, 60_000);

  it('a failing expectation is a FAILED report and a JUnit <failure>', async () => {
    const result = await scenarios.run('../apps/cli/src/__fixtures__/failing-expectation.yaml');
    const report = toRunReport(result);
    expect(report.passed).toBe(false);
    expect(report.expectations).toEqual([expect.objectContaining({ description: 'all phones: status trusted', passed: false, detail: '0 of 5 match; 5 with status locked', step: null })]);

    const xml = toJUnitXml(result);
    expect(xml).toContain('<testcase name="all phones: status trusted" classname="failing-expectation:16:5">');
    expect(xml).toContain('<failure message="0 of 5 match; 5 with status locked" type="ExpectationFailed">');

    expect(toHtmlReport(result)).toContain('<span class="badge fail">FAILED</span>');
  }, 60_000);

  itWithXmllint('the JUnit files of real runs, passing and failing, validate against the JUnit schema', async () => {
    const passing = await scenarios.run('regen-callmanager-and-tvs-together-11.5.yaml');
    const failing = await scenarios.run('../apps/cli/src/__fixtures__/failing-expectation.yaml');
    expect(junitSchemaErrors(toJUnitXml(passing))).toBe('');
    expect(junitSchemaErrors(toJUnitXml(failing))).toBe('');
  }, 60_000);
});
