import { createPrivateKey, type KeyObject } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname, extname, join, resolve } from 'path';
import { Worker } from 'worker_threads';
import type { KeyWorkerJob, KeyWorkerReply } from './key-worker';
import type { KeyKind, KeySize } from './seed-material';

export interface DerivationJob {
  seedMaterial: Buffer;
  kind: KeyKind;
  size: KeySize;
}

/**
 * Derives keys in worker threads, `workerCount` at a time, each worker pulling the next job when it finishes
 * one (so a 4096-bit key does not hold up a queue behind it).
 *
 * Never throws and never rejects: a job whose worker could not start, crashed or reported an error comes
 * back as `undefined`, and the caller derives it on the main thread. Parallelism is an optimisation; the
 * result is the same wherever a key is derived.
 */
export async function deriveInWorkers(jobs: readonly DerivationJob[], workerCount: number): Promise<(KeyObject | undefined)[]> {
  const results: (KeyObject | undefined)[] = new Array(jobs.length).fill(undefined);
  const count = Math.min(workerCount, jobs.length);
  if (count <= 0) return results;

  let next = 0;
  const runWorker = (worker: Worker) =>
    new Promise<void>((done) => {
      let current = -1;
      const finish = () => {
        worker.removeAllListeners();
        worker.on('error', () => undefined); // a late error must not become an uncaught exception
        // Wait for the thread to be gone: a thread still stopping keeps its process (or a jest worker) alive.
        worker.terminate().then(
          () => done(),
          () => done(),
        );
      };
      const dispatch = () => {
        if (next >= jobs.length) return finish();
        current = next++;
        const { seedMaterial, kind, size } = jobs[current];
        const job: KeyWorkerJob = { id: current, seedMaterial, kind, size };
        worker.postMessage(job);
      };
      worker.on('message', (reply: KeyWorkerReply) => {
        if ('pkcs8Der' in reply) {
          try {
            results[reply.id] = createPrivateKey({ key: Buffer.from(reply.pkcs8Der), format: 'der', type: 'pkcs8' });
          } catch {
            /* left undefined: derived again on the main thread */
          }
        }
        dispatch();
      });
      // A worker that fails to start or dies leaves its job (and the rest of its share) to the others or
      // to the main thread.
      worker.on('error', finish);
      worker.on('exit', finish);
      dispatch();
    });

  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = startKeyWorker();
    if (worker) workers.push(worker);
  }
  await Promise.all(workers.map(runWorker));
  return results;
}

/** Starts one key worker, or returns undefined when this environment cannot run one. */
function startKeyWorker(): Worker | undefined {
  try {
    const source = workerSource();
    if (!source) return undefined;
    return source.kind === 'file'
      ? new Worker(source.path)
      : new Worker(TS_BOOTSTRAP, { eval: true, workerData: { entry: source.entry, modules: source.modules } });
  } catch {
    return undefined;
  }
}

type WorkerSource = { kind: 'file'; path: string } | { kind: 'transpiled'; entry: string; modules: Record<string, string> };
let cachedSource: WorkerSource | null | undefined;

/**
 * Where the worker code comes from:
 *  - compiled JavaScript (dist/, the normal case): key-worker.js beside this file;
 *  - TypeScript sources (jest, which transpiles in-process only): the worker's module closure is transpiled
 *    once here with the @swc/core already loaded by the test runner, and handed to the worker, whose
 *    bootstrap serves those modules to `require`. Anything else (a bundle, no @swc/core): no workers.
 */
function workerSource(): WorkerSource | null {
  if (cachedSource !== undefined) return cachedSource;
  cachedSource = null;
  const extension = extname(__filename);
  const entry = join(__dirname, `key-worker${extension}`);
  if (!existsSync(entry)) return null;
  if (extension === '.js') {
    cachedSource = { kind: 'file', path: entry };
  } else if (extension === '.ts') {
    const modules = transpileClosure(entry);
    if (modules) cachedSource = { kind: 'transpiled', entry, modules };
  }
  return cachedSource;
}

interface SwcLike {
  transformSync(code: string, options: object): { code: string };
}

function transpileClosure(entry: string): Record<string, string> | undefined {
  let swc: SwcLike;
  try {
    swc = createRequire(__filename)('@swc/core') as SwcLike;
  } catch {
    return undefined;
  }
  const modules: Record<string, string> = {};
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (file in modules) continue;
    const { code } = swc.transformSync(readFileSync(file, 'utf8'), {
      filename: file,
      swcrc: false,
      configFile: false,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    modules[file] = code;
    for (const match of code.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const dependency = resolve(dirname(file), match[1]) + '.ts';
      if (existsSync(dependency)) pending.push(dependency);
    }
  }
  return modules;
}

/** Runs in the worker: serves the pre-transpiled modules to require, then loads the entry. */
const TS_BOOTSTRAP = `
const { workerData } = require('worker_threads');
const Module = require('module');
const modules = workerData.modules;
require.extensions['.ts'] = function (module, filename) {
  if (!(filename in modules)) throw new Error('key worker: no transpiled source for ' + filename);
  module._compile(modules[filename], filename);
};
Module.createRequire(workerData.entry)(workerData.entry);
`;
