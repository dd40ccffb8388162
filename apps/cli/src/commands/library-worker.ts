import { Command } from 'commander';
import { CliContext, CliUsageError } from '../cli-context';
import { FromJob, LIBRARY_WORKER_COMMAND, ToJob } from '../library-jobs';
import { runLibraryScenario } from '../library-scenario';

/**
 * The job side of `trustsim run <folder> --jobs N` (library-jobs.ts): a hidden command that opens the
 * application on the store it is told, then runs the files it is sent, one at a time, answering each
 * with its row, until told to stop or its parent goes away.
 */
export function registerLibraryWorker(program: Command, ctx: CliContext): void {
  program
    .command(LIBRARY_WORKER_COMMAND, { hidden: true })
    .description('runs scenarios for `trustsim run <folder> --jobs N`, over the IPC channel of the run that started it')
    .action(() =>
      ctx.action(async () => {
        if (!process.send) throw new CliUsageError(`${LIBRARY_WORKER_COMMAND} is started by \`trustsim run <folder> --jobs N\`, not by hand`);
        const inbox = new Inbox();
        try {
          const start = await inbox.next();
          if (start?.type !== 'start') return;
          try {
            await ctx.withApp(start.store, async (buses) => {
              await reply({ type: 'ready' });
              for (let message = await inbox.next(); message?.type === 'run'; message = await inbox.next()) {
                await reply({ type: 'row', index: message.index, row: await runLibraryScenario(buses, message.file, start.options) });
              }
            });
          } catch (error) {
            // The parent says it (a store that cannot be opened ends the library run, as it would in one process).
            await reply({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
            throw error;
          }
        } finally {
          inbox.close();
          if (process.connected) process.disconnect();
        }
      }),
    );
}

/** Sends a message and waits until it has left, so a disconnect right after cannot lose it. */
function reply(message: FromJob): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected) return resolve();
    process.send!(message, undefined, {}, () => resolve());
  });
}

/** The parent's messages, one at a time; `undefined` once the parent has gone. */
class Inbox {
  private readonly queue: ToJob[] = [];
  private waiting?: (message: ToJob | undefined) => void;
  private gone = false;
  private readonly onMessage = (message: ToJob) => {
    if (this.waiting) this.take(message);
    else this.queue.push(message);
  };
  private readonly onDisconnect = () => {
    this.gone = true;
    this.take(undefined);
  };

  constructor() {
    process.on('message', this.onMessage);
    process.on('disconnect', this.onDisconnect);
  }

  next(): Promise<ToJob | undefined> {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.gone) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  close(): void {
    process.off('message', this.onMessage);
    process.off('disconnect', this.onDisconnect);
  }

  private take(message: ToJob | undefined): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(message);
  }
}
