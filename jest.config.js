// Unit and contract tests run through @swc/jest (no type-checking here: `npm run typecheck` does that once).
const { LIBRARIES, jsc } = require('./scripts/swc-options');

const aliases = {
  [`^@trustsim/(${LIBRARIES.join('|')})$`]: '<rootDir>/libs/$1/src',
};
const swc = ['@swc/jest', { jsc, module: { type: 'commonjs' } }];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: aliases,
  testEnvironment: 'node',
};
module.exports = {
  maxWorkers: 2,
  // How long jest waits for a worker process to be gone once it has told it to end (jest's default: 500 ms).
  // The workers end at once (their 'exit' event fires within 5 ms of the request, no handle left open), but
  // jest heard of it more than 500 ms later now and then (processes of 600-800 MB torn down on two shared
  // cores) and printed "A worker process has failed to exit gracefully" at the end of `npm test`: a false
  // alarm about leaks. Measured by logging jest's END message, the workers' 'exit' and jest's force-exit
  // with timestamps; the workers' threads at the end were Node's and libuv's own.
  workerGracefulExitTimeout: 10_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'], testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '/node_modules/', '/dist/'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '/dist/'] },
  ],
};
