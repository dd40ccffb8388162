import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { StepNotSimulatedError, UnknownAssumptionError } from '@trustsim/domain';
import { AppendFailedError, startWorker, StoreBusyError, StoreUnavailableError } from '@trustsim/event-store';
import type { Scenario } from '@trustsim/scenarios';
import { RunStoppedError, StepNotStoredError } from '../engine/rehearsal';
import { StepCrashedError } from '../engine/step-errors';
import { TRUSTSIM_OPTIONS, type TrustsimOptions } from '../tokens';
import type { AssumptionSet, Variant } from './assumption-variants';
import { WriteTurns } from './write-turns';

export type ToVariantWorker = { kind: 'run'; id: number; scenario: Scenario; assumptions: AssumptionSet; stored: boolean } | { kind: 'close' };

export type FromVariantWorker =
  | { kind: 'progress'; id: number; consulted: string[] }
  | { kind: 'done'; id: number; variant: Variant }
  | { kind: 'failed'; id: number; error: { name: string; constructor: string; message: string; stack?: string } }
  | { kind: 'closed' };

/**
 * How many runs of `--all-assumptions` go at once, by default. Readings that are not stored write nothing:
 * one per core. Stored ones: a SQLite file takes one writer at a time and a run spends most of its time
 * writing (60–75 % at 10,000–40,000 phones): two threads were no faster than one on two cores and took
 * twice the memory (notes/what-if-threads.md), so one. A `memory:` store lives in one thread: one. An
 * EventStoreDB server takes the threads' appends side by side: one per core.
 */
export function defaultVariantConcurrency(store: string | undefined, stored = true): number {
  if (!stored) return availableParallelism();
  return /^(kurrentdb|esdb)(\+discover)?:/i.test(store ?? '') ? availableParallelism() : 1;
}

/**
 * The threads that run the variants of `--all-assumptions` (variant-worker.ts), started as runs need them
 * and kept for the next exploration (a folder's scenarios one after another), until the application
 * context closes. Each has its own application context on the configured store, so its runs are stored
 * like any run. A `memory:` store lives in one thread only: with it, nothing runs here (sharedStore).
 */
@Injectable()
export class VariantWorkers implements OnApplicationShutdown {
  private readonly idle: VariantThread[] = [];
  private readonly threads = new Set<VariantThread>();
  /** Shared by the threads: whose turn it is to write a SQLite store (write-turns.ts). */
  private readonly turns = new WriteTurns();
  /** Threads started so far (what the tests and the benchmark look at). */
  threadsStarted = 0;

  constructor(@Inject(TRUSTSIM_OPTIONS) private readonly options: TrustsimOptions) {}

  /** How many runs go at once unless told (defaultVariantConcurrency), when they are stored or not. */
  defaultConcurrency(stored: boolean): number {
    return defaultVariantConcurrency(this.options.store, stored);
  }

  /** Whether a run made on another thread lands in this application's store. */
  get sharedStore(): boolean {
    return !/^memory:/i.test(this.options.store ?? '');
  }

  /** Runs one variant on a thread of its own, stored or not; `progress` hears what it has consulted after each step. */
  async run(scenario: Scenario, assumptions: AssumptionSet, progress: (consulted: readonly string[]) => void, stored = true): Promise<Variant> {
    const index = this.idle.findIndex((t) => t.stored === stored && t.alive);
    const thread = index >= 0 ? this.idle.splice(index, 1)[0] : this.start(stored);
    try {
      return await thread.run(scenario, assumptions, progress, stored);
    } finally {
      if (thread.alive) this.idle.push(thread);
      else this.threads.delete(thread);
    }
  }

  /**
   * Starts a thread for runs stored or not, unless one is idle or starting already: it loads while this
   * thread goes on, and the next `run` of that kind takes it.
   */
  prepare(stored: boolean): void {
    // As in `run`: a thread that died while idle does not count.
    if (this.idle.some((t) => t.stored === stored && t.alive)) return;
    this.idle.push(this.start(stored));
  }

  async onApplicationShutdown(): Promise<void> {
    const threads = [...this.threads];
    this.threads.clear();
    this.idle.length = 0;
    await Promise.all(threads.map((t) => t.close()));
  }

  /** A thread for stored runs opens the application's store; one for runs that are not stored needs none (memory:). */
  private start(stored: boolean): VariantThread {
    const store = stored ? this.options.store : 'memory:';
    const thread = new VariantThread(startVariantWorker({ store, cwd: this.options.cwd }, this.turns.buffer), stored);
    this.threads.add(thread);
    this.threadsStarted++;
    return thread;
  }
}

/** How long a thread may take to close its store when the application closes. */
const CLOSE_TIMEOUT_MS = 30_000;

/** One worker thread, one run at a time. */
class VariantThread {
  alive = true;
  private next = 0;
  private current?: { id: number; resolve: (v: Variant) => void; reject: (e: unknown) => void; progress: (consulted: readonly string[]) => void };
  private closing?: Promise<void>;

  constructor(
    private readonly worker: Worker,
    /** Whether its runs are stored (it has the application's store open) or not. */
    readonly stored: boolean,
  ) {
    // Idle, a thread does not keep the process alive; running, it does.
    worker.unref();
    worker.on('message', (message: FromVariantWorker) => this.receive(message));
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', (code) => this.stop(new Error(`a thread running variants of --all-assumptions stopped (exit code ${code})`)));
  }

  run(scenario: Scenario, assumptions: AssumptionSet, progress: (consulted: readonly string[]) => void, stored: boolean): Promise<Variant> {
    if (!this.alive) return Promise.reject(new Error('a thread running variants of --all-assumptions is gone'));
    const id = this.next++;
    return new Promise<Variant>((resolve, reject) => {
      this.current = { id, resolve, reject, progress };
      this.worker.ref();
      const message: ToVariantWorker = { kind: 'run', id, scenario, assumptions, stored };
      this.worker.postMessage(message);
    });
  }

  close(): Promise<void> {
    if (!this.alive) return Promise.resolve();
    // The thread closes its application context (and its store connection) before it ends; one that does
    // not within CLOSE_TIMEOUT_MS is stopped, so that closing the application never hangs on it.
    this.closing ??= new Promise<void>((done) => {
      const stop = setTimeout(() => void this.worker.terminate(), CLOSE_TIMEOUT_MS);
      this.worker.once('exit', () => {
        clearTimeout(stop);
        done();
      });
      this.worker.ref();
      this.worker.postMessage({ kind: 'close' } satisfies ToVariantWorker);
    });
    return this.closing;
  }

  private receive(message: FromVariantWorker): void {
    if (message.kind === 'closed') return;
    const current = this.current;
    if (!current || current.id !== message.id) return;
    if (message.kind === 'progress') return current.progress(message.consulted);
    this.current = undefined;
    this.worker.unref();
    if (message.kind === 'done') current.resolve(message.variant);
    else current.reject(revive(message.error));
  }

  private stop(error: unknown): void {
    if (!this.alive) return;
    this.alive = false;
    const current = this.current;
    this.current = undefined;
    current?.reject(error);
  }
}

/** The errors a run can end with that the CLI reports in one line: rebuilt with their class, which a thread boundary loses. */
const KNOWN_ERRORS: Record<string, { prototype: Error }> = Object.fromEntries(
  [StoreUnavailableError, AppendFailedError, StoreBusyError, StepNotStoredError, RunStoppedError, StepCrashedError, StepNotSimulatedError, UnknownAssumptionError].map((c) => [c.name, c]),
);

function revive(error: { name: string; constructor: string; message: string; stack?: string }): Error {
  const known = KNOWN_ERRORS[error.constructor];
  const revived: Error = known ? Object.create(known.prototype) : new Error(error.message);
  Object.defineProperties(revived, {
    message: { value: error.message, writable: true, configurable: true },
    name: { value: error.name, writable: true, configurable: true },
    stack: { value: error.stack, writable: true, configurable: true },
  });
  return revived;
}

/** A variant thread (variant-worker.ts), built or from the sources (startWorker). */
function startVariantWorker(options: TrustsimOptions, turns: SharedArrayBuffer): Worker {
  return startWorker(join(__dirname, 'variant-worker'), { workerData: { options, turns } });
}
