import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toHtmlReport } from './html-report';
import { toJUnitXml } from './junit-report';
import { ReportInput } from './report-input';
import { RunReportOptions, toRunReportJson } from './run-report';

export const REPORT_FORMATS = ['json', 'junit', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report as text, for a file or stdout. */
export function renderReport(result: ReportInput, format: ReportFormat, options?: RunReportOptions): string {
  switch (format) {
    case 'json':
      return toRunReportJson(result, options);
    case 'junit':
      return toJUnitXml(result, options);
    case 'html':
      return toHtmlReport(result, options);
    default: {
      const unknown: never = format;
      throw new Error(`unknown report format ${String(unknown)} (known: ${REPORT_FORMATS.join(', ')})`);
    }
  }
}

/** Writes `--report <format>` to `path` (UTF-8), creating its folder; returns the path written. */
export async function writeReport(result: ReportInput, format: ReportFormat, path: string, options?: RunReportOptions): Promise<string> {
  const text = renderReport(result, format, options);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
  return path;
}
