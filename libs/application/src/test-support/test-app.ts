import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { RunScenarioCommand } from '../commands/run-scenario.command';
import { RunResult } from '../simulation/simulation';
import { TrustsimModule } from '../trustsim.module';

export const SCENARIOS = join(__dirname, '../../../../scenarios');

/** The real composition root with an in-memory store and a key cache in a temporary folder. */
export async function createTestApp(options: { cwd?: string; store?: string } = {}): Promise<INestApplicationContext> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'trustsim-test-'));
  return NestFactory.createApplicationContext(TrustsimModule.forRoot({ store: options.store ?? 'memory:', cwd }), { logger: false });
}

export function runScenario(app: INestApplicationContext, file: string, options: RunScenarioCommand['options'] = {}): Promise<RunResult> {
  return app.get(CommandBus).execute(new RunScenarioCommand(join(SCENARIOS, file), { keepLog: true, ...options }));
}
