import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { isLoopback } from './studio-options';

/** The studio's page: its own scripts, styles and connections only; nothing inline, nothing from elsewhere. */
export const STUDIO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** /api/docs (Swagger UI, served from the package, not a CDN) sets styles inline. */
export const DOCS_CSP = ["default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');

export const TOKEN_COOKIE = 'trustsim_token';

/**
 * Checks every request before anything else sees it:
 * - with a token (any non-loopback `--host`): `Authorization: Bearer <token>`, or the cookie the page gets
 *   when opened with `?token=<token>` (the printed URL), compared in constant time; else 401;
 * - on loopback without a token: the Host header must name a loopback address, so a web page whose
 *   name is rebound to 127.0.0.1 cannot read or drive the studio (DNS rebinding);
 * - a request that changes something must carry JSON or YAML (no HTML form can send those across
 *   sites without the browser asking first) and, when the browser says where it comes from, come from here;
 * - headers: a strict Content-Security-Policy, no sniffing, no framing, no referrer.
 */
export function studioGuard(options: { token?: string; host: string }) {
  const expected = options.token ? Buffer.from(options.token) : undefined;
  const matches = (given: string | undefined) => {
    if (!expected || given === undefined) return false;
    const g = Buffer.from(given);
    return g.length === expected.length && timingSafeEqual(g, expected);
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', req.path.startsWith('/api/docs') ? DOCS_CSP : STUDIO_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const refuse = (status: number, message: string) => {
      res.status(status).json({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message });
    };

    const hostHeader = req.headers.host ?? '';
    if (!expected && !isLoopback(hostName(hostHeader))) return refuse(403, `the studio listens on loopback and answers only requests addressed to it (Host: ${hostHeader || 'none'})`);

    if (expected) {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const cookie = cookieValue(req.headers.cookie, TOKEN_COOKIE);
      const query = typeof req.query.token === 'string' ? req.query.token : undefined;
      if (matches(query) && req.method === 'GET') {
        // The printed URL: remember the token in a cookie the page's requests (and EventSource) carry, then drop it from the address bar.
        res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(options.token!)}; Path=/; HttpOnly; SameSite=Strict`);
        const url = new URL(req.originalUrl, 'http://studio');
        url.searchParams.delete('token');
        res.redirect(303, `${url.pathname}${url.search}`);
        return;
      }
      if (!matches(bearer) && !matches(cookie)) return refuse(401, 'this studio needs its token: open the URL `trustsim serve` printed, or send Authorization: Bearer <token>');
    }

    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const length = Number(req.headers['content-length'] ?? 0);
      if ((length > 0 || req.headers['transfer-encoding']) && !['application/json', 'text/yaml', 'application/yaml', 'application/x-yaml'].includes(type)) {
        return refuse(403, `send JSON (or YAML to /api/scenarios/validate), not ${type || 'an untyped body'}`);
      }
      const origin = req.headers.origin;
      if (origin !== undefined && originHost(origin) !== hostHeader.toLowerCase()) return refuse(403, `a request from ${origin} cannot change this studio`);
    }
    next();
  };
}

function hostName(host: string): string {
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(host);
  return (m?.[1] ?? host).toLowerCase();
}

/** `http://127.0.0.1:4180` → `127.0.0.1:4180`; an opaque or unreadable origin matches no host. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
