import { checkAppend, lazyAppendResult, satisfies } from './append-batch';
import { AppendResult, AppendUnit, EventStore, RecordedEvent, StoreUnavailableError, StreamAppend, Subscription, WrongExpectedRevisionError } from './event-store';
import { encodePosition } from './position';

/** What an append (or a unit of them) would move: each stream's last revision, and how many events. */
interface Unit {
  readonly revisions: Map<string, number>;
  events: number;
}

/**
 * The store of a run made only for its outcome: the readings of `--all-assumptions` after the first. It
 * applies the append rules the engine relies on (a batch whole or not at all, each stream at its expected
 * revision), keeps each stream's revision, and forgets the events. What only matters to a stored event is
 * not checked: JSON form, and ids for idempotent retries (the engine never retries). A run is deterministic,
 * so any reading is stored on demand by running it again with `--assume`; keeping fourteen copies of a
 * 560,000-event log to read one table off them is what made a what-if cost fifteen runs.
 *
 * The engine does not even hand it a reading's phone events: it counts them (RunLog's PhoneEventsKept).
 * It holds nothing to read: every read says so, rather than answering as if the run had no events.
 */
export class UnstoredEventStore implements EventStore {
  private readonly revisions = new Map<string, number>();
  private position = 0;
  private closed = false;

  constructor(
    /** What the runs on it are, for the error a read gets ("a reading of --all-assumptions"). */
    private readonly purpose = 'a run that is not stored',
  ) {}

  async append(batch: StreamAppend[]): Promise<AppendResult> {
    return this.commit(this.checked(batch, { revisions: new Map(), events: 0 }));
  }

  /**
   * A step in parts, as the SQLite store takes it: each part is checked against the revisions the unit has
   * reached, nothing counts before the commit, a part that fails fails the commit, and an abandoned unit
   * leaves no trace. The engine then hands a large step over every few thousand events, which are garbage
   * while still young instead of piling up until the step's end.
   */
  beginAppendUnit(): AppendUnit {
    let unit: Unit | undefined = { revisions: new Map(), events: 0 };
    let failure: unknown;
    const open = (): Unit => {
      if (!unit) throw new StoreUnavailableError(`${this.purpose}: this append unit is already committed or abandoned`);
      return unit;
    };
    return {
      part: (batch) => {
        if (failure !== undefined) return;
        try {
          this.checked(batch, open());
        } catch (error) {
          failure = error;
        }
      },
      commit: async (batch) => {
        const whole = open();
        unit = undefined;
        if (failure !== undefined) throw failure;
        return this.commit(this.checked(batch, whole));
      },
      abandon: () => {
        unit = undefined;
      },
    };
  }

  /**
   * Checks a batch against the revisions the store and the unit have reached, moving the unit on as it
   * goes. Throws on the first append a store would refuse; the unit is then dropped (append, commit) or
   * fails its commit (part), so nothing of it ever reaches the store's revisions.
   */
  private checked(batch: StreamAppend[], unit: Unit): Unit {
    if (this.closed) throw new StoreUnavailableError(`${this.purpose}: its store is closed`);
    for (const append of batch) {
      checkAppend(append);
      const { stream, expectedRevision, events } = append;
      const current = unit.revisions.get(stream) ?? this.revisions.get(stream);
      if (!satisfies(expectedRevision, current)) throw new WrongExpectedRevisionError(stream, expectedRevision, current);
      if (events.length > 0) unit.revisions.set(stream, (current ?? -1) + events.length);
      unit.events += events.length;
    }
    return unit;
  }

  private commit(unit: Unit): AppendResult {
    for (const [stream, revision] of unit.revisions) this.revisions.set(stream, revision);
    this.position += unit.events;
    // The record of a step's streams is built only if someone reads it (the engine does not).
    return lazyAppendResult(encodePosition(this.position), () => unit.revisions);
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return this.revisions.get(stream);
  }

  readStream(): Promise<RecordedEvent[]> {
    return Promise.reject(this.nothingToRead());
  }

  readAll(): AsyncIterable<RecordedEvent> {
    const error = this.nothingToRead();
    return {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
    };
  }

  subscribeToAll(): Promise<Subscription> {
    return Promise.reject(this.nothingToRead());
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private nothingToRead(): StoreUnavailableError {
    return new StoreUnavailableError(`${this.purpose} keeps no events to read: run it again with its --assume values to store it`);
  }
}
