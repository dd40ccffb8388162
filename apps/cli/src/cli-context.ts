import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, EventBus, QueryBus } from '@nestjs/cqrs';
import {
  ForkMismatchError,
  ReportMergeError,
  RunStoppedError,
  RunTooOldError,
  StepNotSimulatedError,
  StepNotStoredError,
  TrustsimModule,
  UnknownRunError,
} from '@trustsim/application';
import { UnknownAssumptionError } from '@trustsim/domain';
import { AppendFailedError, StoreUnavailableError } from '@trustsim/event-store';
import { formatIssueReport, ScenarioError } from '@trustsim/scenarios';
import { TrustFileFormatError } from '@trustsim/trust-files';

/** Exit codes (README "Exit codes"): 0 every expectation holds, 1 one fails, 2 invalid input or a failure, 3 an incomplete run. */
export const EXIT = { ok: 0, expectationFailed: 1, invalid: 2, incomplete: 3 } as const;

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

/** A command line that asks for something the command cannot do (a malformed option value). */
export class CliUsageError extends Error {}

/** A job of a parallel library run (a child process, `run <folder> --jobs N`) could not open the store or start. */
export class LibraryJobError extends Error {}

/** The application's buses, for one command. */
export interface Buses {
  commands: CommandBus;
  queries: QueryBus;
  events: EventBus;
}

/** What every command shares: output, the exit code, and an application context on a store. */
export class CliContext {
  code: number = EXIT.ok;
  debug = false;

  constructor(readonly io: Io) {}

  /** Runs `work` with the application on `store` (default: the SQLite file), closing it afterwards. */
  async withApp<T>(store: string | undefined, work: (buses: Buses) => Promise<T>): Promise<T> {
    // abortOnError: false, or Nest exits the process on a store that cannot be opened instead of letting us say why.
    const app: INestApplicationContext = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store, cwd: process.cwd() }), { logger: false, abortOnError: false });
    try {
      return await work({ commands: app.get(CommandBus), queries: app.get(QueryBus), events: app.get(EventBus) });
    } finally {
      await app.close();
    }
  }

  /** Runs a command's action: a known failure is one line and its exit code; anything else is a bug, said as such. */
  async action(work: () => Promise<number | void>): Promise<void> {
    try {
      const code = await work();
      if (code !== undefined) this.code = code;
    } catch (error) {
      this.code = this.failure(error);
    }
  }

  private failure(error: unknown): number {
    const { err } = this.io;
    if (error instanceof ScenarioError) {
      err(formatIssueReport(error.issues));
      err(`${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} found`);
      return EXIT.invalid;
    }
    if (error instanceof TrustFileFormatError) {
      err(`trustsim: not a valid ITL/CTL file: ${error.message}`);
      return EXIT.invalid;
    }
    const known = [StoreUnavailableError, AppendFailedError, StepNotStoredError, RunStoppedError, StepNotSimulatedError, ForkMismatchError, UnknownRunError, RunTooOldError, UnknownAssumptionError, CliUsageError, LibraryJobError, ReportMergeError];
    if (known.some((kind) => error instanceof kind)) {
      err(`trustsim: ${(error as Error).message}`);
      return EXIT.invalid;
    }
    err(`trustsim: internal error: ${error instanceof Error ? error.message : String(error)}${this.debug ? '' : ' (run again with --debug for the stack trace)'}`);
    if (this.debug && error instanceof Error && error.stack) err(error.stack);
    // A step's crash is reported located (StepCrashedError); the stack that matters is the original's.
    if (this.debug && error instanceof Error && error.cause instanceof Error && error.cause.stack) err(`caused by: ${error.cause.stack}`);
    return EXIT.invalid;
  }
}

/** `--assume name=value`. */
export function parseAssumptions(values: string[] | undefined): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const v of values ?? []) {
    const [name, value] = v.split('=');
    if (!name || value === undefined) throw new CliUsageError(`--assume expects name=value, got "${v}"`);
    out[name] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return out;
}

/** `--at <step>`: 1-based, 0 = the installed state. */
export function parseStep(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new CliUsageError(`--at ${text}: expected a step number (1-based; 0 = installed)`);
  return n;
}

/** The store as the report names it: never with a password in it. */
export function storeLabel(store: string | undefined): string {
  return (store ?? '.trustsim/trustsim.db').replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** `--beyond-cucm-limits`, for the commands that check a scenario. */
export const BEYOND_CUCM_LIMITS = ['--beyond-cucm-limits', 'rehearse clusters larger than CUCM supports (40,000 devices, 80,000 in a megacluster); trustsim\'s own limits still apply'] as const;
