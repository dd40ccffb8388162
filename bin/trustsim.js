#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(main)) {
  console.error('trustsim is not built yet: run `npm ci` (or `npm run build`) in ' + path.join(__dirname, '..'));
  process.exit(2);
}
require(main);
