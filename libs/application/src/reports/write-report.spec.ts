import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toRunReport } from './run-report';
import { sampleRunResult } from './test-support/sample-run-result';
import { renderReport, writeReport } from './write-report';

describe('writeReport', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'trustsim-report-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each format to its path, creating the folder', async () => {
    const result = sampleRunResult();
    for (const [format, file] of [['json', 'a/run.json'], ['junit', 'b/junit.xml'], ['html', 'c/report.html']] as const) {
      const path = join(dir, file);
      await expect(writeReport(result, format, path)).resolves.toBe(path);
      expect(readFileSync(path, 'utf8')).toBe(renderReport(result, format));
    }
    expect(JSON.parse(readFileSync(join(dir, 'a/run.json'), 'utf8'))).toEqual(toRunReport(result));
  });

  it('refuses an unknown format', () => {
    expect(() => renderReport(sampleRunResult(), 'pdf' as 'json')).toThrow('unknown report format pdf (known: json, junit, html)');
  });
});
