import { Injectable } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { simulatorValidationContext } from '@trustsim/application';
import { checkScenario, Scenario, ScenarioError, type ScenarioIssue } from '@trustsim/scenarios';
import { ScenarioLibrary, TooLargeError } from './library';
import type { RunRequest } from './requests';
import { LIMITS } from './studio-options';

/** Where a run's scenario came from: what a "what if" or a fork sends again. */
export type ScenarioSource = { kind: 'library'; path: string } | { kind: 'yaml'; name: string; yaml: string; certificates?: RunRequest['certificates'] };

/** A scenario ready to run: parsed and checked, with the file it names (and a folder to remove afterwards). */
export interface PreparedScenario {
  scenario: Scenario;
  source: ScenarioSource;
  dispose(): void;
}

/**
 * Turns what a request sends — a library path, or a YAML body with its certificate files — into a checked
 * Scenario. Every problem is a ScenarioError with file:line:column (the library path, or the name the body
 * gave); a body's certificate files go into a fresh temporary folder of the server's choosing, and the
 * scenario may read no file outside it.
 */
@Injectable()
export class ScenarioSources {
  constructor(private readonly library: ScenarioLibrary) {}

  /** Checks a scenario text without running it: its issues, located in `name`. */
  check(yaml: string, name: string | undefined, beyondCucmLimits = false): { scenario?: Scenario; issues: ScenarioIssue[] } {
    checkSize(yaml);
    return checkScenario(yaml, fileName(name), simulatorValidationContext({ beyondCucmLimits }));
  }

  prepare(request: Pick<RunRequest, 'path' | 'yaml' | 'name' | 'certificates' | 'beyond_cucm_limits'>): PreparedScenario {
    const context = simulatorValidationContext({ beyondCucmLimits: request.beyond_cucm_limits });
    if (request.path !== undefined) {
      const file = this.library.resolve(request.path);
      const { scenario, issues } = checkScenario(readFileSync(file, 'utf8'), file, context);
      // Located in the library's terms, not the server's folders.
      if (issues.length || !scenario) throw new ScenarioError(issues.map((i) => ({ ...i, file: request.path! })));
      this.library.checkFileReferences(scenario, this.library.root);
      return { scenario, source: { kind: 'library', path: this.library.relativeOf(file)! }, dispose: () => undefined };
    }
    const yaml = request.yaml!;
    const name = fileName(request.name);
    const { scenario, issues } = this.check(yaml, name, request.beyond_cucm_limits);
    if (issues.length || !scenario) throw new ScenarioError(issues);
    const source: ScenarioSource = { kind: 'yaml', name, yaml, ...(request.certificates ? { certificates: request.certificates } : {}) };
    const readsFiles = scenario.steps.some((s) => s.kind === 'uploadCertificate' && 'path' in s.certificate);
    if (!readsFiles && !request.certificates?.length) return { scenario, source, dispose: () => undefined };
    // Certificate files by name, beside the scenario, in a folder nothing else uses.
    const files = (request.certificates ?? []).map((c) => ({ name: c.name, bytes: certificateBytes(c) }));
    const dir = mkdtempSync(join(tmpdir(), 'trustsim-studio-'));
    try {
      for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
      writeFileSync(join(dir, name), yaml);
      const placed = checkScenario(yaml, join(dir, name), context).scenario!;
      this.library.checkFileReferences(placed, dir);
      return { scenario: placed, source, dispose: () => rmSync(dir, { recursive: true, force: true }) };
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
}

function fileName(name: string | undefined): string {
  const base = basename(name ?? 'scenario.yaml').replace(/[^A-Za-z0-9_.-]/g, '_');
  return /\.ya?ml$/i.test(base) && !base.startsWith('.') ? base : `${base || 'scenario'}.yaml`;
}

function checkSize(yaml: string): void {
  const bytes = Buffer.byteLength(yaml, 'utf8');
  if (bytes > LIMITS.scenarioBytes) throw new TooLargeError(`the scenario is ${bytes} bytes; the studio accepts at most ${LIMITS.scenarioBytes} (1 MiB)`);
}

function certificateBytes(c: NonNullable<RunRequest['certificates']>[number]): Buffer {
  const bytes = c.pem !== undefined ? Buffer.from(c.pem, 'utf8') : Buffer.from(c.der_base64!, 'base64');
  if (bytes.length > LIMITS.certificateBytes) throw new TooLargeError(`certificate ${c.name} is ${bytes.length} bytes; the studio accepts at most ${LIMITS.certificateBytes} (64 KiB)`);
  return bytes;
}
