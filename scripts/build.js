#!/usr/bin/env node
// Compiles apps/ and libs/ to dist/ with swc (a second or two; type-checking is `npm run typecheck`).
// swc rewrites the @trustsim/* path aliases to relative paths, so dist/ runs on plain Node.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist');
const { withAliases } = require('./swc-options');

function sources(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'test-support', '__fixtures__', 'ui'].includes(entry.name)) found.push(...sources(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.contract.ts')) {
      found.push(full);
    }
  }
  return found;
}

const options = { ...withAliases(root), sourceMaps: true };

fs.rmSync(out, { recursive: true, force: true });
let count = 0;
for (const base of ['apps', 'libs']) {
  for (const file of sources(path.join(root, base))) {
    const rel = path.relative(root, file);
    const target = path.join(out, rel.replace(/\.ts$/, '.js'));
    const { code, map } = swc.transformFileSync(file, { ...options, filename: file, sourceFileName: path.relative(path.dirname(target), file) });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) fs.writeFileSync(`${target}.map`, map);
    count++;
  }
}
// The studio's browser UI (apps/server/ui): ES modules and static files into dist/ui, served as they are.
const ui = require('./build-ui');
const uiFiles = ui.buildUi(path.join(root, 'apps', 'server', 'ui'), path.join(out, 'ui'));
if (process.stdout.isTTY) console.log(`built ${count} files into dist/, ${uiFiles} into dist/ui/`);
