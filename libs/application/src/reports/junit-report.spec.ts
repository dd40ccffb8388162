import { toJUnitXml, toJUnitXmlForRuns } from './junit-report';
import { HAS_XMLLINT, itWithXmllint as withXmllint, junitSchemaErrors, XMLLINT_MISSING } from './test-support/xmllint';
import { sampleRunResult } from './test-support/sample-run-result';

if (!HAS_XMLLINT) console.log(XMLLINT_MISSING);

function incomplete() {
  const sample = sampleRunResult();
  return { ...sample, completed: false, timeline: sample.timeline.slice(0, 3), expectations: sample.expectations.slice(0, 1), passed: true };
}

describe('the JUnit report: one testcase per expectation, so CI names the one that failed', () => {
  it('writes one testsuite per scenario with one testcase per expectation', () => {
    const xml = toJUnitXml(sampleRunResult());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="trustsim" tests="3" failures="1" errors="0" time="1.234">')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml).toContain('<testsuite name="sample-rollout" tests="3" failures="1" errors="0" skipped="0" time="1.234" id="0" package="trustsim">');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<testcase name="group legacy: status trusted" classname="sample-rollout:30:5"/>');
  });

  it('turns a failing expectation into a <failure> with the detail as its message', () => {
    const xml = toJUnitXml(sampleRunResult());
    const failing = xml.slice(xml.indexOf('<testcase name="group lobby: status trusted"'));
    expect(failing).toMatch(/^<testcase name="group lobby: status trusted" classname="sample-rollout:40:5">\n\s*<failure message="3 of 6 match; 2 with status locked &amp; &lt;itl failed&gt;; 1 with &quot;degraded&quot;" type="ExpectationFailed">/);
    expect(failing).toContain('checked at the end of the run, written at /repo/scenarios/sample-rollout.yaml:40:5</failure>');
    expect(xml.match(/<failure /g)).toHaveLength(1);
  });

  it('escapes what the scenario writes, in attributes and in text', () => {
    const sample = sampleRunResult();
    const nasty = 'a & b < c > d "e" \'f\'\nline2';
    const xml = toJUnitXml({ ...sample, scenario: { ...sample.scenario, name: nasty, title: '<script>x</script>' }, expectations: [{ ...sample.expectations[1], description: nasty, detail: nasty }] });
    expect(xml).toContain('name="a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;&#10;line2"');
    expect(xml).toContain('<property name="scenario.title" value="&lt;script&gt;x&lt;/script&gt;"/>');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('a &amp; b &lt; c &gt; d "e" \'f\'\nline2\nfound:');
  });

  it('replaces characters XML 1.0 cannot carry instead of writing an unreadable file', () => {
    const sample = sampleRunResult();
    const xml = toJUnitXml({ ...sample, expectations: [{ ...sample.expectations[1], detail: 'bell\u0007 and \uD800 lone' }] });
    expect(xml).toContain('bell\uFFFD and \uFFFD lone');
  });

  it('records seed, run id and every assumption as properties', () => {
    const xml = toJUnitXml(sampleRunResult());
    expect(xml).toContain('<property name="seed" value="42"/>');
    expect(xml).toContain('<property name="run_id" value="a1b2c3d4e5f6"/>');
    expect(xml).toContain('<property name="assumption.trustDeleteScope" value="node"/>');
    expect(xml).toContain('<property name="assumption.tvsVouchesForOwnItlRecovery" value="false"/>');
  });

  it('puts the timeline into the suite system-out for the CI log', () => {
    expect(toJUnitXml(sampleRunResult())).toMatch(/<system-out>[^<]*1h 05m\s+5\s+1\s+2\s+3\s+1\s+5\. regenerate TVS on hq\/sub1/);
  });

  it('reports a run that did not complete as an error of the suite', () => {
    const xml = toJUnitXml(incomplete());
    expect(xml).toContain('tests="2" failures="0" errors="1"');
    expect(xml).toContain('<testcase name="the run completes" classname="sample-rollout">\n      <error message="the run was stopped after step 2 (--at); expectations after that point were not checked" type="RunIncomplete">');
  });

  it('puts a library run into one testsuites, one testsuite per scenario, with a scenario that failed to run as an error', () => {
    const second = sampleRunResult({ passed: true });
    const xml = toJUnitXmlForRuns([sampleRunResult(), { ...second, scenario: { ...second.scenario, name: 'second' }, expectations: second.expectations.filter((e) => e.passed) }, { file: 'scenarios/broken.yaml', error: new Error('step "upgrade" is not simulated yet') }]);
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml).toContain('<testsuites name="trustsim" tests="6" failures="1" errors="1" time="2.468">');
    expect(xml).toContain('<testsuite name="broken.yaml" tests="1" failures="0" errors="1" skipped="0" time="0" id="2" package="trustsim">');
    expect(xml).toContain('<error message="step &quot;upgrade&quot; is not simulated yet" type="RunFailed">');
  });

  describe('against the JUnit XSD (Ant/Jenkins junit-10 shape)', () => {
    withXmllint('a single run with a failure validates', () => expect(junitSchemaErrors(toJUnitXml(sampleRunResult()))).toBe(''));
    withXmllint('an incomplete run validates', () => expect(junitSchemaErrors(toJUnitXml(incomplete()))).toBe(''));
    withXmllint('a library run with a scenario that failed to run validates', () => {
      expect(junitSchemaErrors(toJUnitXmlForRuns([sampleRunResult(), { file: 'x.yaml', error: 'boom <&>' }]))).toBe('');
    });
    withXmllint('a run with no expectation validates', () => expect(junitSchemaErrors(toJUnitXml(sampleRunResult({ expectations: [] })))).toBe(''));
    withXmllint('the schema is not vacuous: a testcase without a name is refused', () => {
      expect(junitSchemaErrors('<testsuites><testsuite name="s" tests="1"><testcase classname="c"/></testsuite></testsuites>')).toMatch(/name/);
      expect(junitSchemaErrors('<testsuites><testsuite name="s" tests="1"><bogus/></testsuite></testsuites>')).toMatch(/bogus/);
    });
  });
});
