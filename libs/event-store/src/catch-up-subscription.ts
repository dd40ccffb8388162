import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent, SubscribeOptions, Subscription } from './event-store';
import type { ReadPage } from './log-pages';
import { decodePosition } from './position';
import { StreamFilter, streamFilter } from './stream-filter';

type Handler = (event: RecordedEvent) => void | Promise<void>;

/** Lets a subscription see that `close()` was called from its own handler, which it must not wait for. */
const runningHandler = new AsyncLocalStorage<CatchUpSubscription>();

export interface SubscriptionHubOptions {
  /** Events per read while catching up. */
  pageSize: number;
  /**
   * For a store that other connections or processes write to: how often to ask whether they committed,
   * since their commits do not pass through `notify`.
   */
  poll?: { intervalMs: number; otherCommits(): boolean };
}

/**
 * The subscriptions of one local store. The store calls `notify` after each commit of its own; each
 * subscription then reads on from its checkpoint, so whatever the timing every event is delivered once,
 * in commit order.
 */
export class SubscriptionHub {
  private readonly open = new Set<CatchUpSubscription>();
  private pollTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly readPage: ReadPage,
    private readonly options: SubscriptionHubOptions,
  ) {}

  /** Throws at once for options no read could use (bad position or regex). */
  subscribe(options: SubscribeOptions, onEvent: Handler): Subscription {
    const filter = streamFilter({ streamRegex: options.streamRegex });
    const after = options.after === undefined ? 0 : decodePosition(options.after);
    const subscription = new CatchUpSubscription(
      { readPage: this.readPage, filter, pageSize: this.options.pageSize },
      after,
      onEvent,
      options.onError ?? rethrowUncaught,
      () => this.remove(subscription),
    );
    this.open.add(subscription);
    this.startPolling();
    return subscription;
  }

  notify(): void {
    for (const subscription of this.open) subscription.notify();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.close()));
  }

  private remove(subscription: CatchUpSubscription): void {
    this.open.delete(subscription);
    if (this.open.size === 0 && this.pollTimer) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  private startPolling(): void {
    const poll = this.options.poll;
    if (!poll || this.pollTimer) return;
    this.pollTimer = setInterval(() => {
      let changed: boolean;
      try {
        changed = poll.otherCommits();
      } catch {
        changed = true; // then the subscriptions read, and report the actual failure through onError
      }
      if (changed) this.notify();
    }, poll.intervalMs);
  }
}

interface Source {
  readPage: ReadPage;
  filter: StreamFilter | undefined;
  pageSize: number;
}

class CatchUpSubscription implements Subscription {
  private closing = false;
  /** Commits may have landed after the checkpoint; set by `notify`, cleared when a read begins. */
  private behind = true;
  private wake: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly source: Source,
    /** Sequence number of the last event read (delivered or skipped by the filter). */
    private checkpoint: number,
    private readonly onEvent: Handler,
    private readonly onError: (error: unknown) => void,
    onFinished: () => void,
  ) {
    // Start on a later turn of the event loop, so the caller holds the subscription (and can close it
    // from its handler) before the first event arrives.
    this.finished = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run())
      .finally(onFinished);
  }

  notify(): void {
    this.behind = true;
    this.wakeUp();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.wakeUp();
    // Waiting for the loop from inside its own handler would wait forever.
    if (runningHandler.getStore() !== this) await this.finished;
  }

  private async run(): Promise<void> {
    try {
      while (!this.closing) {
        if (this.behind) {
          this.behind = false;
          await this.catchUp();
        } else {
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
      }
    } catch (error) {
      this.closing = true;
      this.onError(error);
    }
  }

  /** Delivers everything after the checkpoint, page by page, awaiting the handler for each event. */
  private async catchUp(): Promise<void> {
    const { readPage, filter, pageSize } = this.source;
    while (!this.closing) {
      const page = readPage(this.checkpoint, filter, pageSize);
      for (const event of page.events) {
        if (this.closing) return;
        await runningHandler.run(this, () => this.onEvent(event));
      }
      this.checkpoint = page.end;
      if (page.events.length < pageSize) return;
      // Handlers that never wait would otherwise hold the event loop until a long log is read.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Default for subscribers without `onError`: a failed projection must not go unnoticed. */
function rethrowUncaught(error: unknown): void {
  setImmediate(() => {
    throw error;
  });
}
