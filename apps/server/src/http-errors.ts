import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ForkMismatchError, RunTooOldError, StepNotSimulatedError, StepNotStoredError, StepOutOfRangeError, UnknownRunError } from '@trustsim/application';
import { UnknownAssumptionError } from '@trustsim/domain';
import { AppendFailedError, StoreBusyError, StoreUnavailableError } from '@trustsim/event-store';
import { ScenarioError } from '@trustsim/scenarios';
import { TrustFileFormatError } from '@trustsim/trust-files';
import { LibraryPathError, TooLargeError } from './library';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** A scenario's problems, each at file:line:column; a request body's, each at its field. */
  issues?: unknown[];
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 410: 'Gone', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };

/** The status and body of an error the application knows; undefined for a bug. */
export function describeError(error: unknown): ErrorBody | undefined {
  const body = (statusCode: number, message: string, issues?: unknown[]): ErrorBody => ({ statusCode, error: REASONS[statusCode], message, ...(issues ? { issues } : {}) });
  if (error instanceof HttpException) {
    const response = error.getResponse();
    return typeof response === 'object' ? { ...body(error.getStatus(), error.message), ...(response as object) } : body(error.getStatus(), String(response));
  }
  if (error instanceof ScenarioError) {
    const n = error.issues.length;
    return body(400, `${n} problem${n === 1 ? '' : 's'} in the scenario`, error.issues.map((i) => ({ ...i, location: `${i.file}:${i.line}:${i.column}` })));
  }
  if (error instanceof TooLargeError) return body(413, error.message);
  if (error instanceof LibraryPathError) return body(/^no scenario/.test(error.message) ? 404 : 400, error.message);
  if (error instanceof UnknownRunError) return body(/^no run/.test(error.message) ? 404 : 400, error.message);
  if (error instanceof RunTooOldError) return body(410, error.message);
  if (error instanceof StoreBusyError) return body(503, error.message);
  if (error instanceof StoreUnavailableError || error instanceof AppendFailedError || error instanceof StepNotStoredError) return body(503, error.message);
  if ([StepOutOfRangeError, ForkMismatchError, StepNotSimulatedError, UnknownAssumptionError, TrustFileFormatError].some((kind) => error instanceof kind)) return body(400, (error as Error).message);
  // The read model says "no phone …", "no node …", "serves no ITL" with a RangeError.
  if (error instanceof RangeError) return body(404, error.message);
  return undefined;
}

/** Every error as JSON: known ones with their status and message, anything else a 500 logged with its stack. */
@Catch()
export class StudioErrors implements ExceptionFilter {
  private readonly logger = new Logger('trustsim studio');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let described = describeError(error);
    if (!described) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      described = { statusCode: 500, error: REASONS[500], message: `internal error: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(described.statusCode).json(described);
  }
}
