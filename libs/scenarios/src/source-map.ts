/**
 * Remembers, for each Scenario the parser returned, how to find a path in its YAML tree. The validator
 * works on the model alone, yet can then name the exact line of `tftp[1]` instead of the group's first
 * line. A scenario built or copied elsewhere simply falls back to the `loc` of its parts.
 */
import type { Scenario, SourceLocation } from './model';
import type { Path, YamlSource } from './yaml-source';

const locators = new WeakMap<Scenario, YamlSource['locate']>();

export function rememberSource(scenario: Scenario, locate: YamlSource['locate']): void {
  locators.set(scenario, locate);
}

/** Position of `path` in the scenario's file when known there, else `fallback`. */
export function locateIn(scenario: Scenario, path: Path, fallback: SourceLocation, at?: 'key'): SourceLocation {
  const located = locators.get(scenario)?.(path, at);
  if (!located?.found) return fallback;
  return { file: located.file, line: located.line, column: located.column };
}

/** Whether the file spelled this path out (e.g. `node:` rather than `nodes:`). */
export function existsIn(scenario: Scenario, path: Path): boolean {
  return locators.get(scenario)?.(path).found ?? false;
}
