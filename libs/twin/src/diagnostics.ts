/**
 * What an import could not read, and what it had to assume. Real clusters produce files no one here
 * wrote, so every reader keeps going after a bad part — but says which file, line or record it skipped
 * and why. Nothing is dropped without a diagnostic.
 */

/** error: not read; warning: read in part, or doubtful; assumed: what no file said; note: worth knowing, nothing lost. */
export type DiagnosticLevel = 'error' | 'warning' | 'assumed' | 'note';

export interface Diagnostic {
  level: DiagnosticLevel;
  /** The file it is about, as the user named it (relative to where they stand); absent for the import as a whole. */
  file?: string;
  /** 1-based line of a text file (CSV, mapping, PEM). */
  line?: number;
  /** 1-based record of a trust file, with its byte offset. */
  record?: number;
  offset?: number;
  message: string;
}

export type Where = Pick<Diagnostic, 'file' | 'line' | 'record' | 'offset'>;

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(where: Where, message: string): void {
    this.items.push({ level: 'error', ...where, message });
  }

  warning(where: Where, message: string): void {
    this.items.push({ level: 'warning', ...where, message });
  }

  assumed(where: Where, message: string): void {
    this.items.push({ level: 'assumed', ...where, message });
  }

  note(where: Where, message: string): void {
    this.items.push({ level: 'note', ...where, message });
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.level === 'error');
  }
}

/** `file:line: level: message`, `file (record 3, offset 452): level: message`, or `level: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${place(d)}${d.level}: ${d.message}`;
}

function place(d: Where): string {
  if (!d.file) return '';
  if (d.line !== undefined) return `${d.file}:${d.line}: `;
  const inside = [d.record !== undefined && `record ${d.record}`, d.offset !== undefined && `offset ${d.offset}`].filter(Boolean).join(', ');
  return inside ? `${d.file} (${inside}): ` : `${d.file}: `;
}

/**
 * Diagnostics for people: the same message about the same file once, with every line it concerns
 * (`phones.csv: lines 4, 9-12: warning: unknown model 'Cisco 9971' (5 rows)`), so 3,000 softphones
 * in a phone export make one line, yet each row is still named.
 */
export function summarizeDiagnostics(items: readonly Diagnostic[]): string[] {
  const groups = new Map<string, { first: Diagnostic; lines: number[] }>();
  const out: (string | { first: Diagnostic; lines: number[] })[] = [];
  for (const d of items) {
    if (d.line === undefined || !d.file) {
      out.push(formatDiagnostic(d));
      continue;
    }
    const key = `${d.level}\u0000${d.file}\u0000${d.message}`;
    let group = groups.get(key);
    if (!group) {
      group = { first: d, lines: [] };
      groups.set(key, group);
      out.push(group);
    }
    group.lines.push(d.line);
  }
  return out.map((entry) => {
    if (typeof entry === 'string') return entry;
    const { first, lines } = entry;
    if (lines.length === 1) return formatDiagnostic(first);
    return `${first.file}: lines ${lineRanges(lines)}: ${first.level}: ${first.message} (${lines.length} rows)`;
  });
}

/** `[2, 3, 4, 9]` → `2-4, 9`. */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
