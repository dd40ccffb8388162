// The swc options of every place that compiles trustsim's TypeScript — the build (dist/), the tests
// (@swc/jest, jest.config.js) and worker threads started from the sources (worker-script.ts) — so that
// the three run the same code.
const path = require('node:path');

/** The libraries an import names as @trustsim/<name> (tsconfig.json's paths). */
const LIBRARIES = ['domain', 'pki', 'trust-files', 'event-store', 'scenarios', 'application', 'twin'];

/** How the TypeScript is read and what it becomes: decorators with their metadata (NestJS), ES2022. */
const jsc = {
  parser: { syntax: 'typescript', decorators: true },
  transform: { legacyDecorator: true, decoratorMetadata: true },
  target: 'es2022',
  keepClassNames: true,
};

/** The options with the @trustsim/* aliases rewritten to relative paths from `root` (plain Node can then run the output). */
function withAliases(root) {
  return {
    swcrc: false,
    configFile: false,
    jsc: { ...jsc, baseUrl: root, paths: Object.fromEntries(LIBRARIES.map((a) => [`@trustsim/${a}`, [`libs/${a}/src`]])) },
    module: { type: 'commonjs' },
  };
}

module.exports = { LIBRARIES, jsc, withAliases, root: path.resolve(__dirname, '..') };
