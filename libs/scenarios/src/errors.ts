/**
 * Problems found in a scenario file, each pinned to a line and column, so `trustsim validate` can list
 * every mistake at once (an editor or CI log can jump straight to it).
 */

export interface ScenarioIssue {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
  /** Dotted path of the offending part, e.g. `steps[3].resetPhones.batchSize`; `(yaml)` for syntax errors. */
  field: string;
  message: string;
  /** What would have been accepted, when that can be said in a few words. */
  expected?: string;
}

export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    // The message is for logs and stack traces: capped like the CLI's report, `issues` holds them all.
    super(issues.length === 1 ? formatIssues(issues) : `${issues.length} problems:\n${formatIssueReport(issues)}`);
    this.name = 'ScenarioError';
  }
}

/** How many issues a report prints before it only counts the rest. */
export const REPORTED_ISSUES = 50;

/**
 * What `trustsim validate` prints: the first `max` issues in file order (formatIssues), then one line
 * counting the rest — a file with 20,000 unknown keys gives 51 lines, not 20,000.
 */
export function formatIssueReport(issues: readonly ScenarioIssue[], max: number = REPORTED_ISSUES): string {
  const sorted = sortIssues(issues);
  if (sorted.length <= max) return formatIssues(sorted);
  const rest = sorted.length - max;
  return `${formatIssues(sorted.slice(0, max))}\n… and ${rest.toLocaleString('en-US')} more problem${rest === 1 ? '' : 's'} (${issues.length.toLocaleString('en-US')} in all; the first ${max} are shown)`;
}

/** One line per issue: `file:line:column: field: message (expected …)`. */
export function formatIssues(issues: readonly ScenarioIssue[]): string {
  return issues
    .map((issue) => {
      const expected = issue.expected ? ` (expected ${issue.expected})` : '';
      return `${issue.file}:${issue.line}:${issue.column}: ${issue.field}: ${issue.message}${expected}`;
    })
    .join('\n');
}

/** File order, so a report reads top to bottom like the file. */
export function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column || a.field.localeCompare(b.field));
}

/** `['steps', 3, 'resetPhones', 'batchSize']` → `steps[3].resetPhones.batchSize`; `[]` → `(document)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(document)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      // Cluster and node names may contain dashes; only quote what would make the path unreadable.
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}
