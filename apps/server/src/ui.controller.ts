import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { Response } from 'express';
import { STUDIO_OPTIONS, type StudioOptions } from './studio-options';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.map': 'application/json' };

/** The built UI (scripts/build.js writes it to dist/ui at `npm ci`), found from this file in src/ or dist/. */
export function defaultUiDir(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'trustsim') return join(dir, 'dist', 'ui');
    if (dirname(dir) === dir) return join(from, 'ui');
  }
}

interface Asset {
  type: string;
  body: Buffer;
  etag: string;
}

/**
 * The single-page UI: a fixed set of files read once at start. A request names a file of that set or gets
 * a 404; nothing from a URL is joined to a path.
 */
@ApiExcludeController()
@Controller()
export class UiController {
  private readonly assets = new Map<string, Asset>();

  constructor(@Inject(STUDIO_OPTIONS) options: StudioOptions) {
    const dir = options.uiDir ?? defaultUiDir();
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const body = readFileSync(join(dir, name));
      this.assets.set(name, { type, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` });
    }
  }

  @Get()
  index(@Res() res: Response): void {
    if (!this.assets.has('index.html')) {
      res.status(503).type('text/plain').send('The studio UI is not built: run `npm run build` (npm ci does it) and start `trustsim serve` again.\n');
      return;
    }
    this.send(res, 'index.html', 'no-cache');
  }

  @Get('app/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!this.assets.has(file) || file === 'index.html') throw new NotFoundException(`no file ${file.slice(0, 80)}`);
    this.send(res, file, 'no-cache');
  }

  private send(res: Response, name: string, cache: string): void {
    const asset = this.assets.get(name)!;
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', cache);
    res.setHeader('ETag', asset.etag);
    if (res.req.headers['if-none-match'] === asset.etag) {
      res.status(304).end();
      return;
    }
    res.end(asset.body);
  }
}
