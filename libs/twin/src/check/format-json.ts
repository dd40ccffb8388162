/** `trustsim check --json`: the result as a versioned document, for CI and other tools. */
import type { CheckResult } from './run-check';

export const CHECK_FORMAT_VERSION = 1;

export function checkReportJson(result: CheckResult): string {
  return JSON.stringify({ format: 'trustsim-check', format_version: CHECK_FORMAT_VERSION, ...result }, null, 2);
}
