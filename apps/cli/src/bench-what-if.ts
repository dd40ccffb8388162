import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { AllAssumptionsResult, defaultVariantConcurrency, RunAllAssumptionsCommand, TrustsimModule, VariantWorkers } from '@trustsim/application';
import type { Scenario } from '@trustsim/scenarios';

export interface WhatIfBenchInput {
  /** The scenario's file (its name in the runs) and the scaled scenario itself. */
  file: string;
  scenario: Scenario;
  cwd: string;
  /** Where the SQLite file goes (the benchmark's temporary directory). */
  dir: string;
  /** The single run's wall time measured just before, seconds: the ratio's denominator. */
  singleSeconds: number;
}

/**
 * `npm run bench -- --what-if`: the same scaled scenario under every reading of the assumptions
 * (`run --all-assumptions`), on a SQLite file of its own, against the single run measured before it. The
 * target (issue 17) is at most 3 single runs.
 */
export async function whatIfFigures(input: WhatIfBenchInput): Promise<string[]> {
  const app = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store: join(input.dir, 'what-if.db'), cwd: input.cwd }), { logger: false, abortOnError: false });
  let result: AllAssumptionsResult;
  let threads: number;
  const concurrency = defaultVariantConcurrency();
  const t0 = process.hrtime.bigint();
  try {
    result = await app.get(CommandBus).execute(new RunAllAssumptionsCommand(input.file, { beyondCucmLimits: true, concurrency }, undefined, input.scenario));
    threads = app.get(VariantWorkers).threadsStarted;
  } finally {
    await app.close();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const runs = result.variants.length;
  return [
    `what-if: ${result.scenario} under all ${result.combinations} combinations of assumptions (--all-assumptions, ${concurrency} at a time)`,
    `  runs                ${runs} (varying only ${result.consulted.join(', ') || 'nothing'}); ${threads} worker thread${threads === 1 ? '' : 's'} beside this one`,
    `  wall time           ${seconds.toFixed(2)} s (${(seconds / runs).toFixed(2)} s a run)`,
    `  against one run     ${(seconds / input.singleSeconds).toFixed(2)} × the single run's ${input.singleSeconds.toFixed(2)} s (target ≤ 3)`,
    `  peak RSS            ${Math.round((process.resourceUsage().maxRSS * 1024) / 1048576)} MiB (the whole process so far, every thread)`,
  ];
}
