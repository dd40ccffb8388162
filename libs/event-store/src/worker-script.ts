import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on a module of this code base, given without extension. From dist/ (the CLI, the
 * server) that is the compiled `.js` beside it. From the TypeScript sources (the test suite runs them
 * through swc, without a build, and jest compiles in its own thread only) the thread compiles each module
 * it requires with @swc/core and the options of the build (scripts/swc-options.js), so it runs the very
 * code under test.
 */
export function startWorker(entry: string, options: WorkerOptions = {}): Worker {
  if (existsSync(`${entry}.js`)) return new Worker(`${entry}.js`, options);
  const swcOptions = join(checkoutOf(entry), 'scripts', 'swc-options.js');
  return new Worker(FROM_TYPESCRIPT, { ...options, eval: true, workerData: { ...(options.workerData as object), [ENTRY_KEY]: { entry: `${entry}.ts`, swcOptions } } });
}

/** The checkout a source file is in: the nearest directory above it with scripts/swc-options.js. */
function checkoutOf(file: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'scripts', 'swc-options.js'))) return dir;
  }
  throw new Error(`cannot start a worker thread on ${file}: it is neither built (no .js beside it) nor in a trustsim checkout`);
}

const ENTRY_KEY = '__trustsimWorkerEntry';

const FROM_TYPESCRIPT = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { entry, swcOptions } = workerData.${ENTRY_KEY};
const load = Module.createRequire(entry);
const { transformSync } = load('@swc/core');
const { withAliases, root } = require(swcOptions);
const options = withAliases(root);
Module._extensions['.ts'] = (module, filename) => {
  module._compile(transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
};
load(entry);
`;
