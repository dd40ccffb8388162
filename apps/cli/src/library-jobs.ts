import { ChildProcess, fork } from 'node:child_process';
import { extname, join } from 'node:path';
import { LibraryJobError } from './cli-context';
import { LibraryRow, LibraryRunOptions } from './library-scenario';

/*
 * `trustsim run <folder> --jobs N`: the library's scenarios spread over N child processes of trustsim
 * itself (the hidden `library-worker` command, commands/library-worker.ts), each with its own
 * application and store connection, fed one file at a time over the IPC channel. A process rather
 * than a thread: a scenario that exhausts memory or crashes takes one job down, not the summary, and
 * a run in a child is the very same run as in a lone `trustsim run`, so its events are those of a
 * sequential run. Which job runs which file changes nothing but the wall time; the rows are put back
 * in library order.
 */

/** The hidden command a job runs. */
export const LIBRARY_WORKER_COMMAND = 'library-worker';

/** Parent → job. */
export type ToJob = { type: 'start'; store: string | undefined; options: LibraryRunOptions } | { type: 'run'; index: number; file: string } | { type: 'stop' };
/** Job → parent. */
export type FromJob = { type: 'ready' } | { type: 'row'; index: number; row: LibraryRow } | { type: 'fatal'; message: string };

/** What a job printed last, kept for the message when it dies (a stack trace, an out-of-memory line). */
const KEPT_OUTPUT = 4000;

/**
 * Runs `files` on `jobs` child processes; `onRow` is told each row in library order as soon as every
 * row before it is in (so reports are announced in the order a sequential run announces them).
 * A job that dies makes the file it was running an error row, and a new job takes over the rest; a
 * job that cannot open the store or start fails the whole run, as the sequential path would.
 */
export function runInJobs(
  files: readonly string[],
  jobs: number,
  store: string | undefined,
  options: LibraryRunOptions,
  onRow: (row: LibraryRow) => void = () => undefined,
  // Tests start jobs that die on purpose here.
  entry: string = jobEntry(),
): Promise<LibraryRow[]> {
  return new Promise((resolve, reject) => {
    const rows: (LibraryRow | undefined)[] = new Array(files.length).fill(undefined);
    const live = new Set<ChildProcess>();
    let next = 0;
    let announced = 0;
    let finished = false;
    // A job that dies mid-file is replaced; a library that kills every job it is given stops trying.
    let replacements = files.length;

    // Settles once every job has exited, so no process outlives the command that started it.
    let outcome: { rows: LibraryRow[] } | { error: LibraryJobError } | undefined;
    const settle = () => {
      if (!outcome || live.size > 0) return;
      if ('rows' in outcome) resolve(outcome.rows);
      else reject(outcome.error);
    };
    const fail = (message: string) => {
      if (finished) return;
      finished = true;
      outcome = { error: new LibraryJobError(message) };
      for (const child of live) child.kill();
      settle();
    };
    const record = (index: number, row: LibraryRow) => {
      rows[index] = row;
      while (announced < rows.length && rows[announced]) onRow(rows[announced++]!);
      if (announced === rows.length && !finished) {
        finished = true;
        outcome = { rows: rows as LibraryRow[] };
        for (const child of live) send(child, { type: 'stop' });
        settle();
      }
    };

    const start = () => {
      const child = fork(entry, [LIBRARY_WORKER_COMMAND], {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        // A debugger's port cannot be shared; a profiler's flags (--cpu-prof) are worth keeping per job.
        execArgv: process.execArgv.filter((a) => !a.startsWith('--inspect')),
      });
      live.add(child);
      let output = '';
      const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT));
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      let ready = false;
      let running: number | undefined;
      const dispatch = () => {
        if (finished) return;
        if (next >= files.length) {
          running = undefined;
          return send(child, { type: 'stop' });
        }
        running = next++;
        send(child, { type: 'run', index: running, file: files[running] });
      };
      child.on('message', (message: FromJob) => {
        if (message.type === 'ready') {
          ready = true;
          dispatch();
        } else if (message.type === 'row') {
          running = undefined;
          record(message.index, message.row);
          dispatch();
        } else if (message.type === 'fatal') {
          fail(message.message);
        }
      });
      child.on('error', (error) => {
        // A process that never started sends no 'close'.
        if (child.pid === undefined) live.delete(child);
        fail(`could not start a parallel job (${error.message}); --jobs 1 runs the library in this process`);
        settle();
      });
      // 'close', not 'exit': by then the job's output has been read to the end, its last words included.
      child.on('close', (code, signal) => {
        live.delete(child);
        if (finished) return settle();
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        const said = output.trim() ? `; it printed:\n${output.trim()}` : '';
        if (!ready) return fail(`a parallel job ${how} before it could run anything${said}`);
        if (running !== undefined) {
          record(running, { file: files[running], error: `the job running this scenario ${how}${said}`, written: [] });
          running = undefined;
        }
        if (finished) return settle();
        if (next < files.length && replacements-- > 0) start();
        else if (live.size === 0) fail(`every parallel job stopped before the library was done (the last ${how})${said}`);
      });
      send(child, { type: 'start', store, options });
    };

    if (files.length === 0) return resolve([]);
    for (let i = 0; i < Math.min(jobs, files.length); i++) start();
  });
}

function send(child: ChildProcess, message: ToJob): void {
  // A job that is already gone answers with 'close', which is where its file is accounted for.
  // The callback takes a failed send, which would otherwise be an 'error' event.
  if (child.connected) child.send(message, () => undefined);
}

/**
 * What a job runs: main.js beside this file when trustsim is built (dist/, the normal case); under the
 * test runner, which compiles TypeScript in its own process only, the sources through the same
 * compile-on-require bootstrap the process tests use.
 */
function jobEntry(): string {
  return extname(__filename) === '.ts' ? join(__dirname, 'test-support', 'cli-child.js') : join(__dirname, 'main.js');
}
