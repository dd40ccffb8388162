// Runs a TypeScript file as a child process in the tests: each .ts module is compiled with @swc/core as it is
// required, the way jest's @swc/jest transform does, so a test can start real concurrent trustsim processes
// without a build. Usage: node ts-child.js <file.ts> [args...]
'use strict';
const { readFileSync } = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    configFile: false,
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(require('node:path').resolve(process.argv[2]));
