import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/** Bodies past this size go compressed to a client that accepts gzip (a 40,000-phone order is ~600 KB of names). */
const COMPRESS_FROM = 16 * 1024;

/** Sends JSON, gzipped when it is large and the client accepts it. */
export function sendJson(req: Request, res: Response, value: unknown): void {
  const text = Buffer.from(JSON.stringify(value));
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Vary', 'Accept-Encoding');
  if (text.length >= COMPRESS_FROM && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(gzipSync(text, { level: 1 }));
    return;
  }
  res.end(text);
}
