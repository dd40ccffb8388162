import { availableParallelism } from 'node:os';
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
  /** Where the SQLite files go (the benchmark's temporary directory). */
  dir: string;
  /** The single run's wall time measured just before, seconds: the ratios' denominator. */
  singleSeconds: number;
  /** At most this many single runs' time (issue 17: 3). */
  target: number;
}

/**
 * `npm run bench`'s what-if: the same scaled scenario under every reading of the assumptions
 * (`run --all-assumptions`, SQLite) as a user gets it — the defaults' run stored, the other readings made
 * for their outcome only, as many at a time as defaultVariantConcurrency says — and then the other way (one
 * per core, or one at a time), to show what the threads add or cost; each against the single run measured
 * before it. The target (issue 17) is at most 3 single runs, checked on the default.
 */
export async function whatIfFigures(input: WhatIfBenchInput, check: (ok: boolean, what: string) => string): Promise<string[]> {
  const cores = availableParallelism();
  // What a user gets without --jobs, checked against the target; then the other way, to show what the threads add or cost.
  const chosen = defaultVariantConcurrency(join(input.dir, 'what-if.db'), false);
  const lines: string[] = [];
  for (const concurrency of cores > 1 ? [chosen, chosen === 1 ? cores : 1] : [1]) {
    const { result, seconds, threads } = await allAssumptions(input, concurrency);
    if (!lines.length) {
      lines.push(
        `what-if: ${result.scenario} under all ${result.combinations} combinations of assumptions (--all-assumptions, SQLite)`,
        `  runs                ${result.variants.length}, varying only ${result.consulted.join(', ') || 'nothing'}; the defaults' stored, the others for their outcome only`,
      );
    }
    const ratio = seconds / input.singleSeconds;
    const how = (concurrency === 1 ? 'one at a time' : `${concurrency} at a time`).padEnd(20);
    const verdict = concurrency === chosen ? `the default; target ≤ ${input.target}: ${check(ratio <= input.target, 'what-if')}` : `--jobs ${concurrency}`;
    lines.push(
      `  ${how}${seconds.toFixed(2)} s → ${ratio.toFixed(2)} × the single run's ${input.singleSeconds.toFixed(2)} s (${verdict})` +
        (threads ? `; ${threads} worker thread${threads === 1 ? '' : 's'}` : ''),
    );
  }
  lines.push(`  peak RSS            ${Math.round((process.resourceUsage().maxRSS * 1024) / 1048576)} MiB (the whole process so far, every thread)`);
  return lines;
}

async function allAssumptions(input: WhatIfBenchInput, concurrency: number): Promise<{ result: AllAssumptionsResult; seconds: number; threads: number }> {
  const app = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store: join(input.dir, `what-if-${concurrency}.db`), cwd: input.cwd }), { logger: false, abortOnError: false });
  const t0 = process.hrtime.bigint();
  try {
    const result: AllAssumptionsResult = await app.get(CommandBus).execute(new RunAllAssumptionsCommand(input.file, { beyondCucmLimits: true, concurrency }, undefined, input.scenario));
    // Closing waits for the threads to close their store connections: part of the cost.
    const threads = app.get(VariantWorkers).threadsStarted;
    await app.close();
    return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9, threads };
  } catch (error) {
    await app.close();
    throw error;
  }
}
