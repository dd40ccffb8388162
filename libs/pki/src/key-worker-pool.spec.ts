import { deriveInWorkers } from './key-worker-pool';
import { derivePrivateKey } from './key-derivation';

describe('deriveInWorkers', () => {
  it('returns each job’s key, and undefined for a job the worker could not do (the caller derives it)', async () => {
    const good = { seedMaterial: Buffer.from('good'), kind: 'rsa' as const, size: 1024 as const };
    const bad = { seedMaterial: Buffer.from('bad'), kind: 'rsa' as const, size: 511 as never }; // below the 512–16384 bits derived
    const [key, missing] = await deriveInWorkers([good, bad], 2);
    expect(missing).toBeUndefined();
    expect(key?.export({ type: 'pkcs8', format: 'der' })).toEqual(
      derivePrivateKey(good.seedMaterial, 'rsa', 1024).export({ type: 'pkcs8', format: 'der' }),
    );
  });

  it('does nothing without workers or jobs', async () => {
    expect(await deriveInWorkers([], 2)).toEqual([]);
    expect(await deriveInWorkers([{ seedMaterial: Buffer.from('x'), kind: 'ec', size: 'P-256' }], 0)).toEqual([undefined]);
  });
});
