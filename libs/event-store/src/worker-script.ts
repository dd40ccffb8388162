import { existsSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on a module of this code base, given without extension. From dist/ (the CLI, the
 * server) that is the compiled `.js` beside it. From the TypeScript sources (the test suite runs them
 * through swc, without a build) the worker compiles what it requires with @swc/core, a devDependency,
 * the way the tests' own transform does.
 */
export function startWorker(entry: string, options: WorkerOptions = {}): Worker {
  if (existsSync(`${entry}.js`)) return new Worker(`${entry}.js`, options);
  const swc = require.resolve('@swc/core');
  return new Worker(FROM_TYPESCRIPT, { ...options, eval: true, workerData: { ...(options.workerData as object), [ENTRY_KEY]: { entry: `${entry}.ts`, swc } } });
}

const ENTRY_KEY = '__trustsimWorkerEntry';

const FROM_TYPESCRIPT = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { entry, swc } = workerData.${ENTRY_KEY};
const { transformSync } = require(swc);
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(entry);
`;
