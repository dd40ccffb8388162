import { junitDocument, JUnitSuite } from './junit-report';

/*
 * `trustsim merge-reports`: the JUnit files of a library's shards (`run <folder> --shard i/n`, one per
 * CI machine) joined into the one file an unsharded run writes. It reads only what junit-report.ts
 * writes — a <testsuites> document whose <testsuite>s carry a `scenario.file` property — and keeps each
 * suite's text as written: the suites are put back in library order (the order `trustsim run <folder>`
 * runs the files in), renumbered, and the totals summed again. So the merged file equals the
 * unsharded one but for timings and run ids.
 */

/** One input file: its name (for messages) and its text. */
export interface JUnitSource {
  file: string;
  xml: string;
}

/** An input that is not a JUnit file trustsim wrote, or that overlaps another; the message names the file and line. */
export class ReportMergeError extends Error {}

export interface MergedJUnit {
  xml: string;
  files: number;
  suites: number;
  tests: number;
  failures: number;
  errors: number;
}

interface ReadSuite extends JUnitSuite {
  scenarioFile: string;
  source: string;
  line: number;
}

export function mergeJUnit(sources: readonly JUnitSource[]): MergedJUnit {
  const suites = sources.flatMap(readSuites);
  const seen = new Map<string, ReadSuite>();
  for (const s of suites) {
    const before = seen.get(s.scenarioFile);
    if (before) {
      throw new ReportMergeError(
        `${s.source}:${s.line}: ${s.scenarioFile} is also in ${before.source}:${before.line}; merge-reports joins the shards of one library run, each scenario once`,
      );
    }
    seen.set(s.scenarioFile, s);
  }
  suites.sort((a, b) => comparePaths(a.scenarioFile, b.scenarioFile));
  const renumbered = suites.map((s, id) => ({ ...s, xml: s.xml.replace(/^(\s*<testsuite\b[^>]*?\sid=")\d+(")/, `$1${id}$2`) }));
  const sum = (f: (s: JUnitSuite) => number) => renumbered.reduce((n, s) => n + f(s), 0);
  return {
    xml: junitDocument(renumbered),
    files: sources.length,
    suites: renumbered.length,
    tests: sum((s) => s.tests),
    failures: sum((s) => s.failures),
    errors: sum((s) => s.errors),
  };
}

/**
 * Library order: path segment by segment, each compared as the folder walk sorts names
 * (library.ts `scenarioFiles`), so `capf/x.yaml` sorts among the files by its folder's name `capf`.
 */
export function comparePaths(a: string, b: string): number {
  const sa = a.split(/[\\/]/);
  const sb = b.split(/[\\/]/);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}

function readSuites({ file, xml }: JUnitSource): ReadSuite[] {
  const text = xml.replace(/^\uFEFF/, '');
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const root = /<testsuites\b[^>]*>/.exec(text);
  if (!root) {
    const single = /<testsuite\b/.test(text);
    throw new ReportMergeError(
      single
        ? `${file}: its root element is <testsuite>, not <testsuites>: merge-reports joins the JUnit files \`trustsim run --report junit\` writes`
        : `${file}: not a JUnit XML file (no <testsuites> element)`,
    );
  }
  const bodyStart = root.index + root[0].length;
  const end = text.indexOf('</testsuites>', bodyStart);
  if (end < 0) throw new ReportMergeError(`${file}: no </testsuites> after line ${lineAt(root.index)}: the file is cut short`);

  const suites: ReadSuite[] = [];
  const pattern = /<testsuite\b([^>]*)>[\s\S]*?<\/testsuite>/g;
  pattern.lastIndex = bodyStart;
  let at = bodyStart;
  for (let m = pattern.exec(text); m && m.index < end; m = pattern.exec(text)) {
    expectBlank(file, text.slice(at, m.index), lineAt(at));
    const line = lineAt(m.index);
    const attributes = attributesOf(m[1]);
    const count = (name: string, optional = false): number => {
      const value = attributes.get(name);
      if (value === undefined && optional) return 0;
      if (value === undefined || !/^\d+$/.test(value)) throw new ReportMergeError(`${file}:${line}: <testsuite> ${name}="${value ?? ''}": expected a whole number`);
      return Number(value);
    };
    const time = attributes.get('time') ?? '0';
    if (!/^\d+(\.\d+)?$/.test(time)) throw new ReportMergeError(`${file}:${line}: <testsuite> time="${time}": expected seconds`);
    const property = /<property\s+name="scenario\.file"\s+value="([^"]*)"\s*\/>/.exec(m[0]);
    if (!property) {
      throw new ReportMergeError(`${file}:${line}: <testsuite name="${attributes.get('name') ?? ''}"> has no scenario.file property: merge-reports joins the JUnit files \`trustsim run --report junit\` writes`);
    }
    suites.push({
      xml: `  ${m[0]}`,
      tests: count('tests'),
      failures: count('failures'),
      errors: count('errors', true),
      seconds: Number(time),
      scenarioFile: unescapeAttribute(property[1]),
      source: file,
      line,
    });
    at = m.index + m[0].length;
  }
  expectBlank(file, text.slice(at, end), lineAt(at));
  const after = end + '</testsuites>'.length;
  expectBlank(file, text.slice(after), lineAt(after), 'nothing after </testsuites>');
  return suites;
}

function expectBlank(file: string, between: string, line: number, expected = '<testsuite> or </testsuites>'): void {
  const extra = between.search(/\S/);
  if (extra < 0) return;
  const where = line + between.slice(0, extra).split('\n').length - 1;
  throw new ReportMergeError(`${file}:${where}: expected ${expected}, found "${between.slice(extra, extra + 40).split('\n')[0]}"`);
}

function attributesOf(text: string): Map<string, string> {
  return new Map([...text.matchAll(/([\w.:-]+)="([^"]*)"/g)].map((m) => [m[1], unescapeAttribute(m[2])]));
}

function unescapeAttribute(value: string): string {
  return value.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, ref: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref[0] !== '#') return named[ref.toLowerCase()];
    return String.fromCodePoint(ref[1].toLowerCase() === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
  });
}
