// Builds the studio's single-page UI: each TypeScript module of apps/server/ui compiled by swc to an ES
// module (the browser loads them with <script type="module">, same origin, no bundler, nothing fetched
// from elsewhere), and the HTML and CSS copied. Used by scripts/build.js and by the browser tests.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

function buildUi(sourceDir, outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  let count = 0;
  for (const name of fs.readdirSync(sourceDir).sort()) {
    const file = path.join(sourceDir, name);
    if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      const { code } = swc.transformFileSync(file, {
        filename: file,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: false,
      });
      // Imports name the compiled files: `./grid` → `./grid.js`.
      fs.writeFileSync(path.join(outDir, name.replace(/\.ts$/, '.js')), code.replace(/(from\s+['"]\.\/[\w-]+)(['"])/g, '$1.js$2'));
      count++;
    } else if (/\.(html|css|svg)$/.test(name)) {
      fs.copyFileSync(file, path.join(outDir, name));
      count++;
    }
  }
  return count;
}

module.exports = { buildUi };
