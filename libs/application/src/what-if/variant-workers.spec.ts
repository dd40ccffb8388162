import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { TrustsimModule } from '../trustsim.module';
import { AllAssumptionsResult, RunAllAssumptionsCommand } from './run-all-assumptions.command';
import { availableParallelism } from 'node:os';
import { defaultVariantConcurrency, VariantWorkers } from './variant-workers';

/**
 * `--all-assumptions` on worker threads against one at a time on this thread: the same runs, in the same
 * order, with the same outcomes, and every run's stored events the same byte for byte (run ids aside).
 * The threads run the TypeScript sources here (variant-workers.ts compiles them with @swc/core).
 */
const root = resolve(__dirname, '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'trustsim-variant-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The two-round ITLRecovery scenario (14 runs under every reading), with a handful of phones.
const scenario = join(dir, 'itl-recovery-small.yaml');
writeFileSync(scenario, readFileSync(join(root, 'scenarios', 'itl-recovery-nonsecure.yaml'), 'utf8').replace('count: 500', 'count: 6').replace('count: 20', 'count: 2'));

// A scenario whose outcome depends on assumptions: the readings' outcomes differ from each other.
const depending = join(dir, 'without-reset-localkey-small.yaml');
writeFileSync(depending, readFileSync(join(root, 'scenarios', 'itl-recovery-without-reset-localkey.yaml'), 'utf8').replace(/count: \d+/g, 'count: 4'));

async function explore(store: string, concurrency: number, storeEveryReading = true, file = scenario): Promise<{ result: AllAssumptionsResult; threads: number }> {
  const app = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store, cwd: root }), { logger: false, abortOnError: false });
  try {
    const result: AllAssumptionsResult = await app.get(CommandBus).execute(new RunAllAssumptionsCommand(file, { concurrency, storeEveryReading }));
    return { result, threads: app.get(VariantWorkers).threadsStarted };
  } finally {
    await app.close();
  }
}

/** A run's stored events in commit order, its run id (in streams, event ids and data) replaced by RUN. */
function storedEvents(file: string, runId: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const idForm = `${runId.slice(0, 8)}-${runId.slice(8, 12)}`;
    const rows = db.prepare(`SELECT s.name AS stream, e.id, e.type, e.data, e.metadata FROM events e JOIN streams s ON s.id = e.stream WHERE s.name LIKE ? ORDER BY e.position`).all(`%-${runId}%`) as Record<string, string>[];
    return rows.map((r) => [r.stream, r.id, r.type, r.data, r.metadata].join('|').split(runId).join('RUN').split(idForm).join('RUN'));
  } finally {
    db.close();
  }
}

describe('--all-assumptions on worker threads', () => {
  it('makes the same runs in the same order as on one thread, and stores each with the same events', async () => {
    const one = await explore(join(dir, 'one.db'), 1);
    const two = await explore(join(dir, 'two.db'), 2);
    expect(one.threads).toBe(0);
    // Two at a time: this thread and one worker thread, which runs a reading while this one is busy.
    expect(two.threads).toBe(1);
    expect(one.result.variants).toHaveLength(14);
    const withoutRunIds = (r: AllAssumptionsResult) => ({ ...r, variants: r.variants.map(({ runId: _runId, ...v }) => v) });
    expect(withoutRunIds(two.result)).toEqual(withoutRunIds(one.result));
    one.result.variants.forEach((v, i) => {
      const events = storedEvents(join(dir, 'one.db'), v.runId!);
      expect(events.length).toBeGreaterThan(50);
      expect(storedEvents(join(dir, 'two.db'), two.result.variants[i].runId!)).toEqual(events);
    });
  }, 120_000);

  it('keeps every stored run on this thread with a memory: store, which other threads cannot reach', async () => {
    const memory = await explore('memory:', 2);
    expect(memory.threads).toBe(0);
    expect(memory.result.variants).toHaveLength(14);
  }, 60_000);

  it('by default stores only the first run (the defaults), and the readings made for their outcome only come out the same as stored ones, on one thread or two', async () => {
    const withoutRunIds = ({ storedEveryReading: _stored, ...r }: AllAssumptionsResult) => ({ ...r, variants: r.variants.map(({ runId: _runId, ...v }) => v) });
    const stored = await explore(join(dir, 'every.db'), 1, true, depending);
    expect(stored.result.dependencies.length).toBeGreaterThan(0);
    for (const concurrency of [1, 2]) {
      const file = join(dir, `first-only-${concurrency}.db`);
      const { result, threads } = await explore(file, concurrency, false, depending);
      expect(withoutRunIds(result)).toEqual(withoutRunIds(stored.result));
      if (concurrency === 1) expect(threads).toBe(0);
      else expect(threads).toBe(1);
      expect(result.variants[0].runId).toBeDefined();
      expect(result.variants.slice(1).every((v) => v.runId === undefined)).toBe(true);
      // The store holds the first run only.
      const db = new Database(file, { readonly: true });
      const runs = db.prepare(`SELECT count(*) FROM events WHERE type = 'RunStarted'`).pluck().get();
      db.close();
      expect(runs).toBe(1);
    }
  }, 180_000);

  it('runs the readings that are not stored on threads even with a memory: store (they write nothing)', async () => {
    const memory = await explore('memory:', 2, false);
    expect(memory.threads).toBe(1);
    expect(memory.result.variants).toHaveLength(14);
  }, 60_000);

  it('by default makes readings that are not stored one per core; stored ones one at a time on a SQLite file (one writer at a time) or in memory, one per core on an EventStoreDB server', () => {
    expect(defaultVariantConcurrency('sqlite:runs.db', false)).toBe(availableParallelism());
    expect(defaultVariantConcurrency('memory:', false)).toBe(availableParallelism());
    expect(defaultVariantConcurrency(undefined)).toBe(1);
    expect(defaultVariantConcurrency('sqlite:runs.db')).toBe(1);
    expect(defaultVariantConcurrency('memory:')).toBe(1);
    expect(defaultVariantConcurrency('kurrentdb://localhost:2113?tls=false')).toBe(availableParallelism());
    expect(defaultVariantConcurrency('esdb+discover://cluster:2113')).toBe(availableParallelism());
  });
});
