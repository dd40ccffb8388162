/**
 * Turns zod issues into ScenarioIssues: a location from the YAML tree, the dotted field, and a message
 * in the file's terms ("missing required key 'purpose'", "unknown value 'ITLrecovery' (did you mean
 * 'ITLRecovery'?)") instead of zod's type-system wording.
 */
import type { z } from 'zod';
import { didYouMean } from './did-you-mean';
import type { ScenarioIssue } from './errors';
import { describeValue, type IssueParams } from './schema-helpers';
import { issueAt, type YamlSource } from './yaml-source';

type Source = Pick<YamlSource, 'file' | 'locate'>;
type Issue = z.core.$ZodIssue & { input?: unknown; params?: IssueParams };

export function fromZodIssues(issues: readonly z.core.$ZodIssue[], source: Source): ScenarioIssue[] {
  return issues.map((issue) => convert(issue as Issue, source));
}

function convert(issue: Issue, source: Source): ScenarioIssue {
  const path = issue.path;
  const at = issue.params?.at ?? (issue.code === 'invalid_key' ? 'key' : 'value');
  const missing = path.length > 0 && !source.locate(path).found;
  const { message, expected } = describe(issue, missing, String(path[path.length - 1]));
  return issueAt(source, path, message, { expected, at });
}

function describe(issue: Issue, missing: boolean, key: string): { message: string; expected?: string } {
  switch (issue.code) {
    case 'custom':
      return { message: issue.message, expected: issue.params?.expected };
    case 'invalid_type':
      if (missing) return { message: `missing required key '${key}'`, expected: typeName(issue.expected) };
      return { message: `found ${describeValue(issue.input)}`, expected: typeName(issue.expected) };
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (missing) return { message: `missing required key '${key}'`, expected: oneOf(values) };
      return { message: `unknown value ${describeValue(issue.input)}${didYouMean(String(issue.input), values)}`, expected: oneOf(values) };
    }
    case 'too_small':
      if (issue.origin === 'array') return { message: 'the list is empty', expected: `at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}` };
      if (issue.origin === 'string') return { message: 'must not be empty', expected: 'some text' };
      return { message: `found ${describeValue(issue.input)}`, expected: `${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'array') return { message: 'too many items', expected: `at most ${issue.maximum}` };
      return { message: `found ${describeValue(issue.input)}`, expected: `${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}` };
    case 'invalid_key':
      return { message: issue.issues[0]?.message ?? issue.message };
    default:
      return { message: issue.message };
  }
}

function oneOf(values: readonly string[]): string {
  return values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
}

function typeName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
    case 'map':
      return 'a mapping';
    default:
      return expected;
  }
}
