import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { RunScenarioCommand } from '../commands/run-scenario.command';
import type { RunResult } from '../engine/rehearsal';
import type { PhoneOutcome } from '@trustsim/domain';
import { TrustsimModule } from '../trustsim.module';

export const SCENARIOS = join(__dirname, '../../../../scenarios');

/** The real composition root with an in-memory store and a key cache in a temporary folder. */
export async function createTestApp(options: { cwd?: string; store?: string } = {}): Promise<INestApplicationContext> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'trustsim-test-'));
  const app = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store: options.store ?? 'memory:', cwd }), { logger: false });
  if (options.cwd) return app;
  // The temporary folder made here goes when the app closes: a suite leaves nothing behind in /tmp.
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    rmSync(cwd, { recursive: true, force: true });
  };
  return app;
}

export function runScenario(app: INestApplicationContext, file: string, options: RunScenarioCommand['options'] = {}): Promise<RunResult> {
  return app.get(CommandBus).execute(new RunScenarioCommand(join(SCENARIOS, file), { keepLog: true, ...options }));
}

/** The real composition root for a whole describe block: created before its tests, closed after them. */
export function useTestApp(): { run(file: string, options?: RunScenarioCommand['options']): Promise<RunResult>; readonly app: INestApplicationContext } {
  let app: INestApplicationContext;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());
  return {
    run: (file, options) => runScenario(app, file, options),
    get app() {
      return app;
    },
  };
}

/** How many phones (of one group, or all) end with each value of a fact. */
export function tally(result: RunResult, fact: (o: PhoneOutcome) => unknown, group?: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of result.outcomes) {
    if (group !== undefined && o.group !== group) continue;
    const key = String(fact(o));
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
