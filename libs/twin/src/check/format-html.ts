/**
 * The risks as a section of the HTML report: a string of markup the report embeds (no script, no
 * external resource; every text escaped, as the report's own escaping tag does). Styled by class names
 * the report's stylesheet may define; `checkReportPage` wraps it in a page of its own.
 */
import { tags, type Finding } from './finding';
import type { CheckResult } from './run-check';

export function checkSectionHtml(result: CheckResult): string {
  const rows = result.findings.map(row).join('\n');
  const gaps = result.clusters.flatMap((c) => c.gaps.map((g) => `<li>${esc(c.name)}: ${esc(g)}</li>`)).join('');
  return `<section id="risks" class="risks">
<h2>Risks in the current state</h2>
<p class="meta">${esc(result.clusters.map((c) => `${c.name} ${c.version} ${c.security}`).join(', '))} · as of <b>${esc(result.now.slice(0, 10))}</b> · certificates due within <b>${result.days}</b> days · fails at <b>${esc(result.failOn)}</b></p>
${result.twinNote ? `<p class="twin-note">${esc(result.twinNote)}</p>` : ''}
${gaps ? `<p class="small">Not checked:</p><ul class="small">${gaps}</ul>` : ''}
${
  result.findings.length === 0
    ? '<p class="none">No risk found.</p>'
    : `<table class="findings">
<thead><tr><th>severity</th><th>risk</th><th>rule and sources</th><th>phones</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
</section>`;
}

export function checkReportPage(result: CheckResult): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${result.failed ? 'RISKS' : 'OK'}: ${esc(result.scenario)}</title>
<style>body{font:16px/1.45 system-ui,sans-serif;max-width:1100px;margin:0 auto;padding:24px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d5d9de;padding:6px 8px;text-align:left;vertical-align:top}.sev{font-weight:700}.high{color:#b3261e}.medium{color:#8a5300}.low,.info{color:#555c63}.small,.meta{color:#555c63;font-size:.9rem}</style>
</head><body>
${checkSectionHtml(result)}
</body></html>
`;
}

function row(f: Finding): string {
  const phones = f.phones ? `${f.phones.count} in ${esc(f.phones.groups.join(', '))}` : '';
  return `<tr class="${f.severity}"><td class="sev ${f.severity}">${f.severity}</td><td><b>${esc(f.title)}</b><br><span class="small">${esc(f.detail)}</span></td><td><code>${esc(f.rule)}</code><br>${esc(tags(f.sources))}</td><td>${phones}</td></tr>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
