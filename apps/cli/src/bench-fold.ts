/**
 * The fold `show` makes of a stored run, as a process of its own that the benchmark starts (bench.ts): a
 * fresh heap and a cold JIT each time, as `show` has, without `show`'s start-up and printing in the figure.
 * Arguments: the SQLite file and the run id; prints `{ events, seconds }` as JSON.
 */
import 'reflect-metadata';
import { foldRun } from '@trustsim/application';
import { SqliteEventStore } from '@trustsim/event-store';

export async function foldOnce(db: string, runId: string): Promise<{ events: number; seconds: number }> {
  const store = new SqliteEventStore(db);
  try {
    let events = 0;
    const start = process.hrtime.bigint();
    await foldRun(store, runId, { onEvent: () => events++ });
    return { events, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  const [db, runId] = process.argv.slice(2);
  foldOnce(db, runId).then(
    (fold) => process.stdout.write(JSON.stringify(fold)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
