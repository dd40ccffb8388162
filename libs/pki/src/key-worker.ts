/**
 * Entry point of a key-derivation worker thread (started by key-worker-pool.ts). It receives one job at a
 * time and answers with the PKCS#8 DER of the derived private key, computed by the very same
 * derivePrivateKey the main thread uses, so where a key was derived never changes what it is.
 */
import { isMainThread, parentPort } from 'worker_threads';
import { derivePrivateKey } from './key-derivation';
import type { KeyKind, KeySize } from './seed-material';

export interface KeyWorkerJob {
  id: number;
  seedMaterial: Uint8Array;
  kind: KeyKind;
  size: KeySize;
}

export type KeyWorkerReply = { id: number; pkcs8Der: Uint8Array } | { id: number; error: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: KeyWorkerJob) => {
    let reply: KeyWorkerReply;
    try {
      const key = derivePrivateKey(Buffer.from(job.seedMaterial), job.kind, job.size);
      reply = { id: job.id, pkcs8Der: key.export({ type: 'pkcs8', format: 'der' }) };
    } catch (error) {
      reply = { id: job.id, error: (error as Error).message };
    }
    port.postMessage(reply);
  });
}
