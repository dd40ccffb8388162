/**
 * The files under a folder, in a stable order (sorted by path), so the same folder always gives the
 * same twin. A folder that cannot be read is a diagnostic, not a crash.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostics } from './diagnostics';

export interface FoundFile {
  /** Absolute (or as given) path to read. */
  path: string;
  /** Path as shown to the user: the folder as they named it, then the path below it. */
  shown: string;
  /** Folders between the root and the file (root excluded), outermost first. */
  folders: string[];
  name: string;
}

export function walkFiles(root: string, diagnostics: Diagnostics): FoundFile[] {
  try {
    if (!statSync(root).isDirectory()) return [describe(root, root)];
  } catch (error) {
    diagnostics.error({ file: root }, `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return [];
  }
  const found: FoundFile[] = [];
  const visit = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      diagnostics.error({ file: dir }, `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) found.push(describe(root, full));
    }
  };
  visit(root);
  return found;
}

function describe(root: string, path: string): FoundFile {
  const rel = relative(root, path);
  const parts = rel === '' ? [] : rel.split(sep);
  const name = parts.pop() ?? path.split(sep).pop()!;
  return { path, shown: rel === '' ? path : join(root, rel), folders: parts, name };
}
