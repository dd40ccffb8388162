/**
 * Scratch benchmark (not a jest test): builds per second, and parse+verify per second, for a typical
 * ITL (6 records, 2048-bit signer). Run:
 *   npx tsc --ignoreConfig --outDir /tmp/trust-files-bench --rootDir libs/trust-files --module commonjs --target es2022 \
 *     --esModuleInterop --skipLibCheck --types node libs/trust-files/bench/trust-files.bench.ts \
 *   && NODE_PATH=$PWD/node_modules node /tmp/trust-files-bench/bench/trust-files.bench.js
 */
import { buildTrustFile, parseTrustFile, trustFileDigest, verifyTrustFile } from '../src';
import { typicalItl } from '../src/test-support/typical-itl';

function rate(label: string, seconds: number, action: () => void): void {
  for (let i = 0; i < 50; i++) action(); // warm up
  let count = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    action();
    count++;
    now = process.hrtime.bigint();
  }
  const elapsed = Number(now - start) / 1e9;
  console.log(`${label.padEnd(34)} ${Math.round(count / elapsed).toString().padStart(7)}/s  (${((elapsed / count) * 1e3).toFixed(3)} ms each, n=${count})`);
}

const { input } = typicalItl('sha256', 2048);
const file = buildTrustFile(input);
console.log(`typical ITL: ${input.records.length} records, 2048-bit signer, ${file.length} bytes, node ${process.version}`);

for (const digest of ['sha1', 'sha256', 'sha512'] as const) {
  rate(`build (${digest})`, 2, () => buildTrustFile({ ...input, digest }));
}
const parsed = parseTrustFile(file);
rate('parse', 2, () => parseTrustFile(file));
rate('verify (parsed once)', 2, () => verifyTrustFile(parsed));
rate('parse + verify', 2, () => {
  if (!verifyTrustFile(parseTrustFile(file)).ok) throw new Error('did not verify');
});
rate('trustFileDigest', 1, () => trustFileDigest(file));
