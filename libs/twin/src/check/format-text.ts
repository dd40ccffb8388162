/** `trustsim check` for a terminal: the worst first, each with its rule and sources, then a count. */
import { tags, type Finding } from './finding';
import type { CheckResult } from './run-check';

export function checkReportText(result: CheckResult): string {
  const lines: string[] = [];
  const phones = result.clusters.reduce((n, c) => n + c.phones, 0);
  const nodes = result.clusters.reduce((n, c) => n + c.nodes, 0);
  lines.push(`Risks in the current state of ${result.scenario} (${result.file})`);
  lines.push(`${result.clusters.map((c) => `${c.name} ${c.version} ${c.security}`).join(', ')} · ${nodes} nodes · ${phones} phones · as of ${result.now.slice(0, 10)} · due within ${result.days} days`);
  if (result.twinNote) lines.push(result.twinNote);
  for (const c of result.clusters) for (const gap of c.gaps) lines.push(`  not checked: ${c.name}: ${gap}`);
  lines.push('');
  if (result.findings.length === 0) lines.push('No risk found.');
  for (const f of result.findings) lines.push(...finding(f), '');
  const counts = (['high', 'medium', 'low', 'info'] as const).filter((s) => result.counts[s]).map((s) => `${result.counts[s]} ${s}`);
  lines.push(`Rules: ${result.rules.map((r) => r.id).join(', ')} (trustsim check --json lists what each looks for).`);
  lines.push(`${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}${counts.length ? ` (${counts.join(', ')})` : ''} · ${result.failed ? `FAIL: at or above --fail-on ${result.failOn}` : `pass: nothing at or above --fail-on ${result.failOn}`}`);
  return lines.join('\n');
}

function finding(f: Finding): string[] {
  const out = [`${f.severity.toUpperCase().padEnd(6)} ${f.title}`, `       rule ${f.rule} ${tags(f.sources)}`];
  out.push(...wrap(f.detail, 100).map((l) => `       ${l}`));
  if (f.phones) out.push(`       phones: ${f.phones.count} in ${f.phones.groups.length > 6 ? `${f.phones.groups.slice(0, 6).join(', ')} and ${f.phones.groups.length - 6} more groups` : f.phones.groups.join(', ')}`);
  return out;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
