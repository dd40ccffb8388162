/**
 * Reads the language reference (docs/scenario-language.md) by its markers: a heading followed by
 * `<!-- schema: steps.regenerate -->` documents that part of the language. Its first paragraph describes
 * the part, and each table row whose first cell names a key in backticks (`` `purpose` ``) describes that
 * key. The JSON Schema takes its descriptions from here, and the docs test checks that every key, value
 * and step the schema has is mentioned in the right section.
 */

export interface ReferenceSection {
  /** The schema key the section documents: '' (the file), `clusters.phones`, `steps.regenerate`, … */
  key: string;
  heading: string;
  /** Everything from the heading to the next heading of the same or a higher level. */
  text: string;
  /** The first paragraph after the heading, as plain text. */
  description?: string;
  /** Key → the rest of its table row, as plain text. */
  fields: Map<string, string>;
}

export interface LanguageReference {
  sections: Map<string, ReferenceSection>;
  /** The section documenting `key`, or the nearest one above it (`steps.dhcp.tftp` → `steps.dhcp` → `steps`). */
  sectionFor(key: string): ReferenceSection | undefined;
  /** Every `backticked` word of the whole reference. */
  mentions: ReadonlySet<string>;
}

const MARKER = /^<!--\s*schema:\s*(\S*)\s*-->\s*$/;
const HEADING = /^(#{1,6})\s+(.*)$/;

export function readReference(markdown: string): LanguageReference {
  const lines = markdown.split('\n');
  const sections = new Map<string, ReferenceSection>();
  let fenced = false;
  const headings: { line: number; level: number; title: string }[] = [];
  lines.forEach((line, i) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : HEADING.exec(line);
    if (m) headings.push({ line: i, level: m[1].length, title: m[2].trim() });
  });
  lines.forEach((line, i) => {
    const marker = MARKER.exec(line.trim());
    if (!marker) return;
    const heading = [...headings].reverse().find((h) => h.line < i);
    if (!heading) throw new Error(`schema marker '${marker[1]}' (line ${i + 1}) has no heading above it`);
    const next = headings.find((h) => h.line > heading.line && h.level <= heading.level);
    const body = lines.slice(i + 1, next ? next.line : lines.length);
    if (sections.has(marker[1])) throw new Error(`schema marker '${marker[1]}' appears twice (line ${i + 1})`);
    sections.set(marker[1], { key: marker[1], heading: heading.title, text: body.join('\n'), description: firstParagraph(body), fields: fieldRows(body) });
  });
  const sectionFor = (key: string) => {
    for (let k: string | undefined = key; k !== undefined; k = parentKey(k)) {
      const found = sections.get(k);
      if (found) return found;
    }
    return undefined;
  };
  return { sections, sectionFor, mentions: backticked(markdown) };
}

/** `steps.dhcp.tftp` → `steps.dhcp`; `steps` → ''; '' → undefined. */
export function parentKey(key: string): string | undefined {
  if (key === '') return undefined;
  const dot = key.lastIndexOf('.');
  return dot < 0 ? '' : key.slice(0, dot);
}

/** Every `code span` of a text, trimmed (a value such as `Cisco Tftp` is one mention). */
export function backticked(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)) found.add(m[1].trim());
  return found;
}

/** Markdown to the plain text a tooltip shows: no backticks, emphasis or link targets. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\\\|/g, '|')
    .replace(/\s+/g, ' ')
    .trim();
}

function firstParagraph(body: string[]): string | undefined {
  const paragraph: string[] = [];
  let fenced = false;
  for (const line of body) {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      if (paragraph.length) break;
      continue;
    }
    if (fenced) continue;
    const blank = line.trim() === '' || MARKER.test(line.trim());
    if (blank || /^\s*\|/.test(line) || HEADING.test(line)) {
      if (paragraph.length) break;
      continue;
    }
    paragraph.push(line);
  }
  return paragraph.length ? plainText(paragraph.join(' ')) : undefined;
}

/**
 * Table rows `| \`key\` (or \`a\` / \`b\`) | … |`: each key named in the first cell → a description made
 * from the row by the table's header: the meaning, then the value in parentheses, the default, the sources.
 */
function fieldRows(body: string[]): Map<string, string> {
  const fields = new Map<string, string>();
  let fenced = false;
  let header: string[] = [];
  let previousWasTable = false;
  for (const line of body) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const isTable = !fenced && /^\s*\|/.test(line);
    if (!isTable) {
      previousWasTable = false;
      continue;
    }
    const cells = splitRow(line);
    if (!previousWasTable) {
      header = cells.map((c) => c.toLowerCase());
      previousWasTable = true;
      continue;
    }
    previousWasTable = true;
    if (cells.length < 2 || !cells[0].includes('`') || /^-+$/.test(cells[0])) continue;
    const description = describeRow(header, cells);
    for (const m of cells[0].matchAll(/`([^`]+)`/g)) {
      const key = m[1].replace(/:.*$/, '').trim();
      if (!fields.has(key) && description) fields.set(key, description);
    }
  }
  return fields;
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

const MEANING = ['meaning', 'what it changes', 'what it does', 'selects'];
const VALUE = ['value', 'values', 'form'];

function describeRow(header: string[], cells: string[]): string {
  const cell = (names: string[]) => {
    const i = header.findIndex((h) => names.includes(h));
    return i > 0 && cells[i] ? plainText(cells[i]) : '';
  };
  const meaning = cell(MEANING) || plainText(cells[cells.length - 1] ?? '');
  const value = cell(VALUE);
  const fallback = cell(['default']);
  const sources = cell(['sources']);
  const parts = [meaning && value && meaning !== value ? `${meaning} (${value})` : meaning || value];
  if (fallback) parts.push(`Default: ${fallback}.`);
  if (sources) parts.push(`Sources: ${sources}`);
  return parts.filter(Boolean).join(' ');
}
