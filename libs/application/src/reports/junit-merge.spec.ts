import { mergeJUnit, ReportMergeError } from './junit-merge';
import { FailedRun, LibraryRun, toJUnitXmlForRuns } from './junit-report';
import { ReportInput } from './report-input';
import { sampleRunResult } from './test-support/sample-run-result';
import { HAS_XMLLINT, itWithXmllint, junitSchemaErrors, XMLLINT_MISSING } from './test-support/xmllint';

if (!HAS_XMLLINT) console.log(XMLLINT_MISSING);

/** A run of the sample scenario under another name and file, its own wall time and verdict. */
function runOf(file: string, wallMs: number, passed: boolean): ReportInput {
  const sample = sampleRunResult({ passed });
  const name = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  return {
    ...sample,
    runId: `run-${name}`,
    scenario: { ...sample.scenario, name, file },
    expectations: passed ? sample.expectations.filter((e) => e.passed) : sample.expectations,
    figures: { ...sample.figures, wallMs },
  };
}

/** A library in library order (folders among files by name), with a file that failed to run and one whose path needs escaping. */
const LIBRARY: LibraryRun[] = [
  runOf('lib/a.yaml', 1234, true),
  runOf('lib/capf/b.yaml', 17, false),
  runOf('lib/capf/c & "d".yaml', 5, true),
  { file: 'lib/capf.yaml', error: new Error('lib/capf.yaml:3:1: unknown key <oops>') } satisfies FailedRun,
  runOf('lib/chapter/e.yaml', 999, true),
  runOf('lib/z.yaml', 1, false),
];

/** Deals the library out like `--shard i/n`. */
function shards(n: number): LibraryRun[][] {
  return Array.from({ length: n }, (_, i) => LIBRARY.filter((_, k) => k % n === i));
}

describe('merge-reports: the JUnit files of a sharded library as the one an unsharded run writes', () => {
  it.each([1, 2, 3, 4, 6, 8])('joins %i shards into exactly the unsharded file, in whatever order the files are given', (n) => {
    const whole = toJUnitXmlForRuns(LIBRARY);
    const files = shards(n).map((runs, i) => ({ file: `shard-${i + 1}.xml`, xml: toJUnitXmlForRuns(runs) }));
    expect(mergeJUnit(files).xml).toBe(whole);
    expect(mergeJUnit([...files].reverse()).xml).toBe(whole);
  });

  it('sums the totals again from the suites', () => {
    const merged = mergeJUnit(shards(3).map((runs, i) => ({ file: `s${i}.xml`, xml: toJUnitXmlForRuns(runs) })));
    // Two runs fail one expectation each; the file that did not run is the error.
    expect(merged).toMatchObject({ files: 3, suites: 6, failures: 2, errors: 1 });
    expect(merged.xml).toContain(`<testsuites name="trustsim" tests="${merged.tests}" failures="2" errors="1" time="2.256">`);
    expect(merged.tests).toBe([...merged.xml.matchAll(/<testcase /g)].length);
    expect([...merged.xml.matchAll(/<testsuite [^>]*id="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  itWithXmllint('the merged file passes the JUnit schema', () => {
    const merged = mergeJUnit(shards(4).map((runs, i) => ({ file: `s${i}.xml`, xml: toJUnitXmlForRuns(runs) })));
    expect(junitSchemaErrors(merged.xml)).toBe('');
  });

  itWithXmllint('so does a merge of empty shards (more machines than scenarios)', () => {
    const merged = mergeJUnit([{ file: 'empty.xml', xml: toJUnitXmlForRuns([]) }]);
    expect(merged.suites).toBe(0);
    expect(junitSchemaErrors(merged.xml)).toBe('');
  });

  describe('names the file (and line) of an input it cannot join', () => {
    const good = toJUnitXmlForRuns(LIBRARY.slice(0, 2));
    const cases: [string, string, RegExp][] = [
      ['not XML at all', 'hello', /^bad\.xml: not a JUnit XML file \(no <testsuites> element\)$/],
      ['a single <testsuite> root (another tool)', '<testsuite name="x" tests="1"><testcase name="t"/></testsuite>', /^bad\.xml: its root element is <testsuite>, not <testsuites>/],
      ['a file cut short', good.slice(0, good.length - 40), /^bad\.xml: no <\/testsuites> after line 2: the file is cut short$/],
      ['a suite without scenario.file', '<testsuites>\n  <testsuite name="x" tests="1" failures="0" errors="0" time="1"></testsuite>\n</testsuites>', /^bad\.xml:2: <testsuite name="x"> has no scenario\.file property/],
      ['a count that is not a number', good.replace(/(<testsuite [^>]*?)tests="\d+"/, '$1tests="three"'), /^bad\.xml:3: <testsuite> tests="three": expected a whole number$/],
      ['stray content between suites', good.replace('</testsuites>', '<bogus/>\n</testsuites>'), /^bad\.xml:\d+: expected <testsuite> or <\/testsuites>, found "<bogus\/>"$/],
      ['content after the document', `${good}<more/>`, /^bad\.xml:\d+: expected nothing after <\/testsuites>, found "<more\/>"$/],
    ];
    it.each(cases)('%s', (_, xml, message) => {
      expect(() => mergeJUnit([{ file: 'good.xml', xml: good.replace(/lib\//g, 'other/') }, { file: 'bad.xml', xml }])).toThrow(ReportMergeError);
      expect(() => mergeJUnit([{ file: 'bad.xml', xml }])).toThrow(message);
    });

    it('a scenario in two files (overlapping shards, or one file given twice)', () => {
      expect(() => mergeJUnit([{ file: 'one.xml', xml: good }, { file: 'two.xml', xml: good }])).toThrow(/^two\.xml:3: lib\/a\.yaml is also in one\.xml:3; merge-reports joins the shards of one library run, each scenario once$/);
    });
  });
});
