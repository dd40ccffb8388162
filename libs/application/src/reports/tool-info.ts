import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ToolInfo {
  name: string;
  version: string;
}

let cached: ToolInfo | undefined;

/** trustsim's name and version from the root package.json (read once). */
export function toolInfo(): ToolInfo {
  return (cached ??= findToolInfo(__dirname));
}

/**
 * Walks up from `dir` to the package.json named trustsim. A walk rather than a fixed `../../..`, so it
 * works from `libs/application/src/reports` (jest) and from `dist/libs/application/src/reports` (the
 * swc build) alike; the name check skips any other package.json on the way.
 */
export function findToolInfo(dir: string): ToolInfo {
  for (; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'trustsim') return { name: pkg.name, version: pkg.version ?? 'unknown' };
      } catch {
        // An unreadable package.json further down is not ours; keep walking.
      }
    }
    if (dirname(dir) === dir) return { name: 'trustsim', version: 'unknown' };
  }
}
