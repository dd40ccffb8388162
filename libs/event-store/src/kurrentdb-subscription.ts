import { AsyncLocalStorage } from 'node:async_hooks';
import { RecordedEvent, StoreUnavailableError, Subscription } from './event-store';
import type { KurrentDbSubscription } from './kurrentdb-client';
import { isSystemStream, positionOf, toRecordedEvent } from './kurrentdb-events';
import { compareKurrentPositions, KurrentPosition } from './kurrentdb-position';

/** Lets a subscription see that `close()` was called from its own handler, which it must not wait for. */
const runningHandler = new AsyncLocalStorage<KurrentSubscription>();

export class KurrentSubscription implements Subscription {
  private closing = false;
  private readonly finished: Promise<void>;

  constructor(
    private readonly source: KurrentDbSubscription,
    private readonly after: KurrentPosition | undefined,
    private readonly onEvent: (event: RecordedEvent) => void | Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly translate: (error: unknown) => unknown,
    onFinished: () => void,
  ) {
    // Start on a later turn of the event loop, so the caller holds the subscription first.
    this.finished = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run())
      .finally(onFinished);
  }

  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      await this.stop();
    }
    // Waiting for the loop from inside its own handler would wait forever.
    if (runningHandler.getStore() !== this) await this.finished;
  }

  private async run(): Promise<void> {
    try {
      for await (const resolved of this.source) {
        if (this.closing) return;
        const event = resolved.event;
        if (!event || isSystemStream(event.streamId)) continue;
        const position = positionOf(resolved);
        if (this.after && compareKurrentPositions(position, this.after) <= 0) continue;
        const recorded = toRecordedEvent(event, position);
        try {
          await runningHandler.run(this, () => this.onEvent(recorded));
        } catch (error) {
          return await this.fail(error);
        }
        if (this.closing) return;
      }
      if (!this.closing) await this.fail(new StoreUnavailableError('the KurrentDB server ended the subscription'));
    } catch (error) {
      if (!this.closing) await this.fail(this.translate(error));
    }
  }

  /** Stops for good and reports the failure once; the failed event is not delivered again. */
  private async fail(error: unknown): Promise<void> {
    this.closing = true;
    await this.stop();
    this.onError(error);
  }

  private async stop(): Promise<void> {
    await this.source.unsubscribe().catch(() => undefined);
    this.source.destroy();
  }
}

/** Default for subscribers without `onError`: a failed projection must not go unnoticed. */
export function rethrowUncaught(error: unknown): void {
  setImmediate(() => {
    throw error;
  });
}

