import { readAllInPages, type AppendResult, type EventStore, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent, type StreamAppend, type SubscribeOptions, type Subscription } from '@trustsim/event-store';

/** Cells of the shared buffer: the next ticket to hand out, the ticket whose turn it is. */
const NEXT = 0;
const SERVING = 1;

/**
 * Turns at writing one SQLite file, taken in the order asked, across the threads of one process. SQLite lets
 * one connection write at a time; a connection that finds the file locked sleeps in growing steps (up to
 * 100 ms) before it looks again, and the thread that just wrote usually takes the lock back first. Two runs
 * storing large steps side by side then spend more time waiting than writing. With turns, a thread waits
 * on the shared buffer and is woken the moment the writer before it is done.
 *
 * A thread that waits longer than `patienceMs` (its writer died holding the turn) goes ahead: SQLite's own
 * lock and busy timeout still keep the file whole.
 */
export class WriteTurns {
  private readonly cells: Int32Array;

  constructor(
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT),
    private readonly patienceMs = 30_000,
  ) {
    this.cells = new Int32Array(buffer);
  }

  /** Waits (blocking this thread) for this thread's turn; returns the function that ends it. */
  take(): () => void {
    const ticket = Atomics.add(this.cells, NEXT, 1);
    const deadline = Date.now() + this.patienceMs;
    for (;;) {
      const serving = Atomics.load(this.cells, SERVING);
      if (serving === ticket) break;
      const left = deadline - Date.now();
      if (left <= 0) break;
      Atomics.wait(this.cells, SERVING, serving, left);
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      // Whoever holds the next ticket goes; a turn given up after a timeout still passes the turn on.
      if (Atomics.load(this.cells, SERVING) <= ticket) Atomics.store(this.cells, SERVING, ticket + 1);
      Atomics.notify(this.cells, SERVING);
    };
  }
}

/** An event store whose appends take a turn (WriteTurns) first; reads and the rest go straight through. */
export class TakingTurns implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly turns: WriteTurns,
  ) {}

  async append(batch: StreamAppend[]): Promise<AppendResult> {
    const done = this.turns.take();
    try {
      return await this.store.append(batch);
    } finally {
      done();
    }
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.store.readAll(options);
  }

  readAllPages(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]> {
    return readAllInPages(this.store, options);
  }

  subscribeToAll(options: SubscribeOptions, onEvent: (event: RecordedEvent) => void | Promise<void>): Promise<Subscription> {
    return this.store.subscribeToAll(options, onEvent);
  }

  streamRevision(stream: string): Promise<number | undefined> {
    return this.store.streamRevision(stream);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
