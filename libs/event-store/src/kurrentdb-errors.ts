import { errorMessage } from './stored-event';

/** How the client's failures are told apart: its error types, gRPC codes and socket errors. */

export function isErrorType(error: unknown, type: string): boolean {
  return (error as { type?: unknown } | null)?.type === type;
}

/** The server is down, unreachable, or gone mid-call (gRPC UNAVAILABLE / DEADLINE_EXCEEDED or the client's errors for them). */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    isErrorType(error, 'unavailable') ||
    isErrorType(error, 'deadline-exceeded') ||
    isErrorType(error, 'not-leader') ||
    code === 14 ||
    code === 4 ||
    /ECONNREFUSED|ECONNRESET|UNAVAILABLE|Failed to discover/i.test(errorMessage(error))
  );
}

/** A message with the store URL's `user:password@` taken out. */
export function redact(text: string, url: string): string {
  const credentials = /^[^:]+:\/\/([^@/?]*)@/.exec(url)?.[1];
  return (credentials ? text.split(credentials).join('***') : text).replace(/\s+/g, ' ').trim();
}
