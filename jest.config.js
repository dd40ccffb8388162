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
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'], testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '/node_modules/', '/dist/'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '/dist/'] },
  ],
};
