import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { BatchOutcome } from './append-batch';
import { AppendFailedError, StoreBusyError, StreamAppend, WrongExpectedRevisionError } from './event-store';
import { busyMessage } from './sqlite-database';
import { toWire, transferred, WriterFailure, WriterReply, WriterRequest, WriterSettings } from './sqlite-writer-protocol';
import { errorMessage } from './stored-event';
import { startWorker } from './worker-script';

/** How often the checkpointer copies the WAL into the file while the store is open. */
const CHECKPOINT_INTERVAL_MS = 250;

interface Waiting {
  resolve(outcome: BatchOutcome): void;
  reject(error: Error): void;
}

/** A unit written in parts on the writer thread (the store's AppendUnit, before positions are encoded). */
export interface WriterUnit {
  part(batch: StreamAppend[]): void;
  commit(batch: StreamAppend[]): Promise<BatchOutcome>;
  abandon(): void;
}

/**
 * The SQLite store's writer thread, seen from the store: a batch is checked and serialized here, posted,
 * and its promise settles when the thread has committed it (or failed, with the same errors an append on
 * the store's own connection gives). Requests are written in the order they are posted. The thread starts
 * on the first write and keeps the process alive only while an answer is awaited.
 */
export class SqliteWriterThread {
  private worker?: Worker;
  /** Checkpoints the WAL on a thread of its own while the writer writes (sqlite-checkpointer.worker.ts). */
  private checkpointer?: Worker;
  private nextId = 0;
  private nextUnit = 0;
  private readonly waiting = new Map<number, Waiting>();
  private closing?: Promise<void>;

  constructor(private readonly settings: WriterSettings) {}

  append(batch: readonly StreamAppend[]): Promise<BatchOutcome> {
    return this.request((id) => ({ kind: 'append', id, batch: toWire(batch) }));
  }

  /**
   * A unit: parts are serialized and posted as they come; a part that cannot be serialized fails the unit
   * here (the thread drops what it wrote of it) and its commit rejects with that error.
   */
  unit(): WriterUnit {
    const unit = this.nextUnit++;
    let failure: Error | undefined;
    let ended = false;
    return {
      part: (batch) => {
        if (failure || ended) return;
        try {
          this.post({ kind: 'part', unit, batch: toWire(batch) });
        } catch (error) {
          failure = error as Error;
          this.post({ kind: 'abandon', unit });
        }
      },
      commit: (batch) => {
        ended = true;
        if (failure) return Promise.reject(failure);
        let wire;
        try {
          wire = toWire(batch);
        } catch (error) {
          this.post({ kind: 'abandon', unit });
          return Promise.reject(error);
        }
        return this.request((id) => ({ kind: 'commit', id, unit, batch: wire }));
      },
      abandon: () => {
        if (ended) return;
        ended = true;
        if (this.worker && !this.closing) this.post({ kind: 'abandon', unit });
      },
    };
  }

  /** Waits for what was posted, then closes the thread's connection and ends the thread. */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private request(message: (id: number) => WriterRequest): Promise<BatchOutcome> {
    const id = this.nextId++;
    return new Promise<BatchOutcome>((resolve, reject) => {
      // Serialize (which may throw: the promise rejects, nothing is posted) before anything is awaited.
      const request = message(id);
      const worker = this.started();
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(request, 'batch' in request ? transferred(request.batch) : []);
    });
  }

  private post(request: WriterRequest): void {
    this.started().postMessage(request, 'batch' in request ? transferred(request.batch) : []);
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    await this.stopCheckpointer();
    if (!worker) return;
    worker.ref();
    await new Promise<void>((resolve) => {
      worker.on('message', (reply: WriterReply) => 'closed' in reply && resolve());
      worker.once('exit', () => resolve());
      worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    });
    await worker.terminate();
    this.worker = undefined;
  }

  private started(): Worker {
    if (this.closing) throw new AppendFailedError('the SQLite event store is closing');
    if (this.worker) return this.worker;
    const worker = startWorker(join(__dirname, 'sqlite-writer.worker'), { workerData: this.settings });
    worker.unref();
    worker.on('message', (reply: WriterReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(`the SQLite writer thread stopped: ${errorMessage(error)}`));
    worker.on('exit', (code) => this.fail(`the SQLite writer thread exited (code ${code})`));
    this.worker = worker;
    this.checkpointer = startWorker(join(__dirname, 'sqlite-checkpointer.worker'), { workerData: { ...this.settings, intervalMs: CHECKPOINT_INTERVAL_MS } });
    this.checkpointer.unref();
    // A checkpoint that fails (the file gone, a disk error) only leaves the WAL longer: the writer's own
    // commits are what the store promises, and they report their own errors.
    this.checkpointer.on('error', () => undefined);
    return worker;
  }

  private async stopCheckpointer(): Promise<void> {
    const checkpointer = this.checkpointer;
    if (!checkpointer) return;
    this.checkpointer = undefined;
    await new Promise<void>((resolve) => {
      checkpointer.once('message', () => resolve());
      checkpointer.once('exit', () => resolve());
      checkpointer.postMessage('close');
    });
    await checkpointer.terminate();
  }

  private settle(reply: WriterReply): void {
    if ('closed' in reply) return;
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('outcome' in reply) waiting.resolve(reply.outcome);
    else waiting.reject(this.error(reply.failure));
  }

  /** The thread is gone: whatever was posted and not answered was not stored (a transaction commits whole or not at all). */
  private fail(why: string): void {
    this.worker = undefined;
    for (const waiting of this.waiting.values()) waiting.reject(new AppendFailedError(`append failed, nothing of the batch was stored: ${why}`));
    this.waiting.clear();
  }

  private error(failure: WriterFailure): Error {
    switch (failure.kind) {
      case 'busy':
        return new StoreBusyError(busyMessage(this.settings.file, this.settings.busyTimeoutMs), this.settings.file);
      case 'revision':
        return new WrongExpectedRevisionError(failure.stream, failure.expected, failure.actual);
      case 'failed':
        return new AppendFailedError(failure.message);
    }
  }
}
