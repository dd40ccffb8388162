import 'reflect-metadata';
import { hostname } from 'node:os';
import { INestApplication, LoggerService } from '@nestjs/common';
import type { NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { toolInfo } from '@trustsim/application';
import { describeError } from './http-errors';
import { studioGuard } from './security';
import { StudioModule } from './studio.module';
import { isLoopback, LIMITS, type StudioOptions } from './studio-options';

export interface RunningStudio {
  app: INestApplication;
  /** The address to open (with the token, when there is one). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The studio as an HTTP application on Express (@nestjs/platform-express): Nest's most used platform,
 * with server-sent events (@Sse), Swagger UI and body-size limits working out of the box; speed is set
 * by the fold, not the HTTP layer.
 */
export async function createStudioApp(options: StudioOptions, logger: LoggerService | false = false): Promise<NestExpressApplication> {
  if (!isLoopback(options.host) && !options.token) throw new Error(`--host ${options.host} is not loopback: a token is required (--token, or let trustsim serve generate one)`);
  const app = await NestFactory.create<NestExpressApplication>(StudioModule.forRoot(options), STUDIO_APP_OPTIONS(logger));
  configureStudio(app, options);
  return app;
}

/** How the studio's Nest application is made (also by the tests' testing module). */
export const STUDIO_APP_OPTIONS = (logger: LoggerService | false = false): NestApplicationOptions & { bodyParser: boolean } => ({
  bodyParser: false,
  logger,
  abortOnError: false,
  // Ctrl-C closes open server-sent event streams instead of waiting for the browser to leave.
  forceCloseConnections: true,
});

/** Everything around the controllers: the guard, body limits, errors before Nest's filters, the OpenAPI document. */
export function configureStudio(app: NestExpressApplication, options: StudioOptions): void {
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(studioGuard({ token: options.token, host: options.host }));
  app.useBodyParser('json', { limit: LIMITS.jsonBodyBytes });
  app.useBodyParser('text', { type: ['text/yaml', 'application/yaml', 'application/x-yaml'], limit: LIMITS.scenarioBytes });
  // Body parser errors (too large, malformed JSON) happen before Nest's filters: answer them as JSON too.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = error as { status?: number; type?: string; message?: string };
    if (e?.type === 'entity.too.large') return void res.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: `the request body is larger than the studio accepts (a scenario at most 1 MiB, a certificate at most 64 KiB)` });
    if (e?.status === 400) return void res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `the body is not valid JSON: ${e.message}` });
    const known = describeError(error);
    if (known) return void res.status(known.statusCode).json(known);
    next(error);
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('trustsim studio')
      .setDescription('Rehearse CUCM certificate and trust-list changes: the scenario library, runs, the state after each step, explanations, trust files, training sessions. JSON keys follow the run report (format_version 1).')
      .setVersion(toolInfo().version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'required when the studio listens beyond loopback' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json', customSiteTitle: 'trustsim studio API' });
}

/** Starts the studio and listens; `close()` ends runs in progress, closes sessions and the store. */
export async function startStudio(options: StudioOptions, logger: LoggerService | false = false): Promise<RunningStudio> {
  const app = await createStudioApp(options, logger);
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address() as { port: number };
  // Listening on every interface: print a name a browser elsewhere can open.
  const shown = options.host === '0.0.0.0' || options.host === '::' ? hostname() : options.host;
  const host = shown.includes(':') ? `[${shown}]` : shown;
  const url = `http://${host}:${address.port}/${options.token ? `?token=${encodeURIComponent(options.token)}` : ''}`;
  return { app, url, port: address.port, close: () => app.close() };
}
