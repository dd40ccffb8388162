// Runs the trustsim CLI from its TypeScript sources in a child process, for the tests that need a real
// process (a kill -9 at a random moment): each module is compiled with @swc/core as it is required, with
// the decorator metadata Nest needs, and the @trustsim/* imports resolve to libs/<name>/src as in
// tsconfig.json. Usage: node cli-child.js <trustsim arguments...>
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const swc = require('@swc/core');

const root = join(__dirname, '../../../..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@trustsim\/([a-z-]+)$/.exec(request);
  return resolve.call(this, m ? join(root, 'libs', m[1], 'src') : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    configFile: false,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(join(root, 'apps/cli/src/main.ts'));
