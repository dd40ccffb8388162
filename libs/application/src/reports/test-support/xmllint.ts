import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const JUNIT_XSD = join(__dirname, '../__fixtures__/junit.xsd');

/** xmllint comes from Debian's libxml2-utils; the tests that need it skip (with the reason) without it. */
export const HAS_XMLLINT = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
export const XMLLINT_MISSING = 'skipped the JUnit schema checks: xmllint not found (apt-get install -y libxml2-utils)';

/** Validates XML against the JUnit schema; returns xmllint's complaints, '' when valid. */
export function junitSchemaErrors(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'trustsim-junit-'));
  try {
    const file = join(dir, 'report.xml');
    writeFileSync(file, xml, 'utf8');
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', JUNIT_XSD, file], { encoding: 'utf8' });
    return run.status === 0 ? '' : `${run.stderr}`.trim() || `xmllint exited ${run.status}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A test that needs xmllint: reported as skipped, with the reason, where it is missing — never run without its assertion. */
export function itWithXmllint(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (HAS_XMLLINT) it(name, fn, timeout);
  else it.skip(`${name} (${XMLLINT_MISSING})`, fn);
}
