import { Inject, Injectable } from '@nestjs/common';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { simulatorValidationContext } from '@trustsim/application';
import { checkScenario, type Scenario, type ScenarioIssue } from '@trustsim/scenarios';
import { LIMITS, STUDIO_OPTIONS, type StudioOptions } from './studio-options';

/** A request named a path outside the library (or not a scenario file in it). */
export class LibraryPathError extends Error {}

/** A scenario or certificate larger than the studio accepts. */
export class TooLargeError extends Error {}

export interface LibraryEntry {
  /** Relative to the library folder, with forward slashes. */
  path: string;
  scenario: string | null;
  title: string | null;
  valid: boolean;
  phones: number;
  steps: number;
  issues: ScenarioIssue[];
}

/**
 * The scenario library (`--library`): the only folder a request can make the studio read. A path from a
 * request is relative to it; `..`, absolute paths, and symbolic links that lead outside are refused,
 * and so is a scenario whose certificate files lie outside it.
 */
@Injectable()
export class ScenarioLibrary {
  readonly root: string;
  private readonly checked = new Map<string, { mtimeMs: number; size: number; entry: LibraryEntry }>();

  constructor(@Inject(STUDIO_OPTIONS) options: StudioOptions) {
    this.root = realpathSync(resolve(options.cwd, options.library));
  }

  /** Every scenario file, sorted, each with its validation status (cached until the file changes). */
  list(): LibraryEntry[] {
    return this.files(this.root).map((file) => this.entry(file));
  }

  /** The absolute path of a library scenario named by a request. */
  resolve(path: string): string {
    if (typeof path !== 'string' || !path || path.includes('\0') || isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
      throw new LibraryPathError(`"${String(path)}" is not a path inside the scenario library (give it relative to the library, as GET /api/scenarios lists it)`);
    }
    let real: string;
    try {
      real = realpathSync(resolve(this.root, path));
    } catch {
      throw new LibraryPathError(`no scenario "${path}" in the library`);
    }
    if (!this.inside(real) || !/\.ya?ml$/i.test(real) || !statSync(real).isFile()) throw new LibraryPathError(`no scenario "${path}" in the library`);
    if (statSync(real).size > LIMITS.scenarioBytes) throw new TooLargeError(`${path} is larger than ${LIMITS.scenarioBytes} bytes`);
    return real;
  }

  /** The text of a library scenario. */
  read(path: string): string {
    return readFileSync(this.resolve(path), 'utf8');
  }

  /** The library path of an absolute file, or undefined when it is not in the library. */
  relativeOf(file: string): string | undefined {
    let real: string;
    try {
      real = realpathSync(resolve(file));
    } catch {
      return undefined;
    }
    return this.inside(real) ? relative(this.root, real).split(sep).join('/') : undefined;
  }

  /** Refuses a scenario that would make the engine read a certificate file outside `folder`. */
  checkFileReferences(scenario: Scenario, folder: string): void {
    for (const step of scenario.steps) {
      if (step.kind !== 'uploadCertificate' || !('path' in step.certificate)) continue;
      const wanted = resolve(dirname(scenario.file), step.certificate.path);
      let real = wanted;
      try {
        real = realpathSync(wanted);
      } catch {
        // A missing file is the engine's to report (an upload that fails to read); it still must be inside.
      }
      if (!isInside(folder, real)) {
        throw new LibraryPathError(`${step.loc.file}:${step.loc.line}:${step.loc.column}: certificate file "${step.certificate.path}" is outside ${folder === this.root ? 'the scenario library' : 'the files sent with the scenario'}`);
      }
    }
  }

  private inside(real: string): boolean {
    return isInside(this.root, real);
  }

  private files(dir: string): string[] {
    const out: string[] = [];
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        continue;
      }
      if (!this.inside(real)) continue;
      const stat = statSync(real);
      if (stat.isDirectory()) out.push(...this.files(path));
      else if (/\.ya?ml$/i.test(name) && stat.isFile()) out.push(path);
    }
    return out;
  }

  private entry(file: string): LibraryEntry {
    const stat = statSync(file);
    const cached = this.checked.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.entry;
    const path = relative(this.root, file).split(sep).join('/');
    const { scenario, issues } = stat.size > LIMITS.scenarioBytes ? { scenario: undefined, issues: [{ file: path, line: 1, column: 1, field: '(document)', message: `larger than ${LIMITS.scenarioBytes} bytes` }] } : checkScenario(readFileSync(file, 'utf8'), path, simulatorValidationContext());
    const entry: LibraryEntry = {
      path,
      scenario: scenario?.name ?? null,
      title: scenario?.title ?? null,
      valid: issues.length === 0,
      phones: scenario ? scenario.clusters.reduce((n, c) => n + c.phones.reduce((m, g) => m + g.names.length, 0), 0) : 0,
      steps: scenario?.steps.length ?? 0,
      issues,
    };
    this.checked.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, entry });
    return entry;
  }
}

export function isInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
