import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every scenario file under a folder, in a stable order (sorted paths), sub-folders included. */
export function scenarioFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...scenarioFiles(path));
    else if (/\.ya?ml$/i.test(name)) files.push(path);
  }
  return files;
}
