import { AppendUnit, EventData, EventStore, StreamAppend } from '@trustsim/event-store';

/** One logged event, as tests and determinism checks keep it (the run id blanked). */
export interface LoggedEvent {
  stream: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/**
 * How many events of a step's bulk streams (phones) pile up before they go to a store that takes a step in
 * parts (AppendUnit): enough that a part is worth a message to the writer thread, few enough that they die
 * young. Events held until their part leaves survive the young generation's collections and are copied
 * there, then promoted: with parts of 20,000 about half of each collection survived and the 40,000-phone
 * run spent 1.1 s of its main thread collecting; parts of 2,000 took the whole run from 5.5 s to 4.6–4.9 s
 * (1,000: no better, more messages), and the unstored readings of `--all-assumptions` from 21 s to 14–16 s.
 * It changes where a step's events sit in the log relative to other streams', never a stream's own events,
 * nor what a run decides (fold-equals-live runs with parts of 50).
 */
export const PART_EVENTS = 2_000;

/**
 * Whether a run's phone events go to its store ('stored') or are only counted ('counted'). A reading of
 * `--all-assumptions` after the first is made for its outcome, which comes from the phones' states, never
 * from their events read back; and its store keeps nothing (UnstoredEventStore). Building, numbering and
 * handing over its 560,000 phone events was 40 % of such a reading: a what-if of 14 readings on 40,000
 * phones went from 12.5 s to 8.9 s one at a time without them. Counted events never pile up, so such a run
 * does not store part of a long wait early (`unflushedCount`), which changes nothing of its outcome.
 */
export type PhoneEventsKept = 'stored' | 'counted';

/**
 * The write side of a run's event log: events are recorded as they are decided (and folded at once by
 * the engine), and each step's events are appended in one transaction, every stream at the revision the
 * run has tracked for it — the aggregate's version — so a store that holds anything else for it refuses
 * the step. The run's own stream goes last in each batch: its StepCompleted marks the end of the step in
 * the log. Event ids derive from the run id and a counter, so a retried append is recognised.
 *
 * A store that takes a transaction in parts (SQLite with its writer thread) gets the bulk streams' events
 * (`inParts`: the phones) as they pile up, in the step's one transaction; the rest (run, nodes) waits for
 * the step's end, so what the run reads back of its pending events (refusals, expectations) is all there.
 */
export class RunLog {
  private pending = new Map<string, EventData[]>();
  /** The pending lists of bulk streams, in the order they began: the next part. */
  private bulk: [string, EventData[]][] = [];
  /** Events pending in bulk streams. */
  private pendingBulk = 0;
  private unit?: AppendUnit;
  /** Events handed to the open unit in parts. */
  private inOpenUnit = 0;
  private readonly versions = new Map<string, number>();
  private counter = 0;
  /** Events handed to the store so far (stored once the last flush has resolved). */
  appended = 0;
  /** Events recorded so far, by type (`expect: events`). */
  readonly countsByType = new Map<string, number>();
  /** Every event of the run in append order, when asked (tests, determinism checks, explanations). */
  readonly log: LoggedEvent[] | undefined;
  private readonly keep?: (stream: string) => boolean;
  /** Bulk events per part, when the store takes a step in parts (else never). */
  private readonly partEvents: number;

  constructor(
    private readonly store: EventStore,
    readonly runId: string,
    keepLog: boolean | ((stream: string) => boolean) = false,
    partEvents = PART_EVENTS,
    /**
     * What becomes of the bulk streams' (phones') events: 'stored', handed to the store like the rest;
     * 'counted', counted by type and as appended, and nothing else, for a run made for its outcome only
     * (PhoneEventsKept). The other streams' events are recorded either way: the run's progress, its
     * refusals and expectations are read back from them.
     */
    private readonly phoneEvents: PhoneEventsKept = 'stored',
  ) {
    this.log = keepLog ? [] : undefined;
    if (typeof keepLog === 'function') this.keep = keepLog;
    this.partEvents = typeof store.beginAppendUnit === 'function' ? partEvents : Infinity;
  }

  /**
   * Records an event of a stream. `bulk`: the stream is one of the many (a phone's), whose events may go to
   * the store in parts before the step ends; the others (run, nodes, TFTP...) wait for the step's end.
   */
  record(stream: string, type: string, data: unknown, metadata: Record<string, unknown>, bulk = false): void {
    this.countsByType.set(type, (this.countsByType.get(type) ?? 0) + 1);
    if (bulk && this.phoneEvents === 'counted') {
      this.appended++;
      return;
    }
    let list = this.pending.get(stream);
    if (!list) {
      this.pending.set(stream, (list = []));
      if (bulk) this.bulk.push([stream, list]);
    }
    list.push({ id: this.nextId(), type, data, metadata });
    if (bulk && ++this.pendingBulk >= this.partEvents) this.handOverPart();
  }

  /** Events recorded and not yet handed to the store. */
  get pendingCount(): number {
    let n = 0;
    for (const list of this.pending.values()) n += list.length;
    return n;
  }

  /** Events recorded since the last flush, those handed over in parts included: what the step holds so far. */
  get unflushedCount(): number {
    return this.pendingCount + this.inOpenUnit;
  }

  /** The pending events in the order they will be committed (the run's stream last). */
  *pendingInCommitOrder(): Iterable<{ stream: string; event: EventData }> {
    for (const [stream, events] of this.ordered()) for (const event of events) yield { stream, event };
  }

  /**
   * Hands everything recorded since the last flush to the store, all streams in one transaction (with the
   * parts handed over before), each at its tracked version; the promise settles when the store has it. The
   * versions and counts move on at once, so the next step can be recorded (and computed) while this one is
   * written; a caller that goes on must not flush again before this promise has resolved, and stops the run
   * if it rejects.
   */
  flush(): Promise<number> {
    const unit = this.unit;
    if (this.pending.size === 0 && !unit) return Promise.resolve(0);
    const count = this.pendingCount + this.inOpenUnit;
    const batch = this.handOver(this.ordered());
    this.pending = new Map();
    this.bulk = [];
    this.pendingBulk = 0;
    this.unit = undefined;
    this.inOpenUnit = 0;
    const appending = unit ? unit.commit(batch) : this.store.append(batch);
    return appending.then(() => count);
  }

  /** Forgets what was recorded since the last flush (a step that failed: nothing of it is stored). */
  discard(): void {
    this.pending = new Map();
    this.bulk = [];
    this.pendingBulk = 0;
    this.unit?.abandon();
    this.unit = undefined;
    this.inOpenUnit = 0;
  }

  /** The bulk streams' pending events go to the store's open unit (opened by the first part of a step). */
  private handOverPart(): void {
    const part = this.bulk;
    for (const [stream] of part) this.pending.delete(stream);
    this.bulk = [];
    const unit = (this.unit ??= this.store.beginAppendUnit!());
    unit.part(this.handOver(part));
    this.inOpenUnit += this.pendingBulk;
    this.pendingBulk = 0;
  }

  /** Events as a batch, each stream at its tracked version, which moves on. */
  private handOver(entries: [string, EventData[]][]): StreamAppend[] {
    const batch: StreamAppend[] = new Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const [stream, events] = entries[i];
      const version = this.versions.get(stream);
      batch[i] = { stream, expectedRevision: version === undefined ? 'no_stream' : version - 1, events };
      this.versions.set(stream, (version ?? 0) + events.length);
      this.appended += events.length;
      if (this.log && (!this.keep || this.keep(stream))) {
        const named = stream.replace(this.runId, '<run>');
        for (const e of events) this.log.push({ stream: named, type: e.type, data: e.data, metadata: e.metadata! });
      }
    }
    return batch;
  }

  private ordered(): [string, EventData[]][] {
    const run = `run-${this.runId}`;
    const entries = [...this.pending].filter(([stream]) => stream !== run);
    const own = this.pending.get(run);
    return own ? [...entries, [run, own]] : entries;
  }

  private nextId(): string {
    const c = (this.counter++).toString(16).padStart(18, '0');
    return `${this.idPrefix}${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6, 18)}`;
  }

  /** The part of every event id that the run id gives (UUID-shaped: run id, then a counter). */
  private get idPrefix(): string {
    if (this.idPrefixText === undefined) {
      const r = this.runId.padEnd(12, '0');
      this.idPrefixText = `${r.slice(0, 8)}-${r.slice(8, 12)}-4`;
    }
    return this.idPrefixText;
  }

  private idPrefixText?: string;
}
