/**
 * Entry point of a thread that runs variants of `--all-assumptions` (started by variant-workers.ts): an
 * application context of its own on the same store (a SQLite file shares its runs across connections
 * through WAL and the busy timeout; an EventStoreDB server across clients), one run at a time, telling
 * the main thread after each step what the run has consulted so far.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventBus } from '@nestjs/cqrs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@trustsim/event-store';
import { RehearsalFactory } from '../engine/rehearsal-factory';
import type { TrustsimOptions } from '../tokens';
import { TrustsimModule } from '../trustsim.module';
import { runVariant } from './variant-run';
import { TakingTurns, WriteTurns } from './write-turns';
import type { FromVariantWorker, ToVariantWorker } from './variant-workers';

if (!isMainThread && parentPort) {
  const port = parentPort;
  const data = workerData as { options: TrustsimOptions; turns: SharedArrayBuffer };
  // The threads write one SQLite file by turns; an EventStoreDB server takes their appends side by side.
  const turns = new WriteTurns(data.turns);
  const options: TrustsimOptions = { ...data.options, decorateStore: (store) => (store instanceof SqliteEventStore ? new TakingTurns(store, turns) : store) };
  const tell = (message: FromVariantWorker) => port.postMessage(message);
  // abortOnError: false, or Nest would end the whole process on a store that cannot be opened. Made at
  // once, not at the first run: a thread is started ahead of its first run (VariantWorkers.prepare).
  const app: Promise<INestApplicationContext> = NestFactory.createApplicationContext(TrustsimModule.forRoot(options), { logger: false, abortOnError: false });
  // A store that cannot be opened fails each run that asks (below), not the thread.
  app.catch(() => undefined);
  const context = () => app;

  port.on('message', async (message: ToVariantWorker) => {
    if (message.kind === 'close') {
      await app.then((ctx) => ctx.close()).catch(() => undefined);
      tell({ kind: 'closed' });
      port.close();
      return;
    }
    const { id, scenario, assumptions, stored } = message;
    try {
      const ctx = await context();
      const variant = await runVariant({ rehearsals: ctx.get(RehearsalFactory), events: ctx.get(EventBus) }, scenario, assumptions, (consulted) => tell({ kind: 'progress', id, consulted: [...consulted] }), stored);
      tell({ kind: 'done', id, variant });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      tell({ kind: 'failed', id, error: { name: e.name, constructor: e.constructor?.name ?? 'Error', message: e.message, stack: e.stack } });
    }
  });
}
