/** How `trustsim serve` was started. */
export interface StudioOptions {
  /** Event store (as `--store`); default the SQLite file under <cwd>/.trustsim. */
  store?: string;
  /** The scenario library folder (`--library`); every file path a request names is resolved inside it. */
  library: string;
  /** Working directory: the store and the key cache live under <cwd>/.trustsim. */
  cwd: string;
  /** Interface to listen on (`--host`), loopback by default. */
  host: string;
  port: number;
  /** Required on every request when set; `trustsim serve` sets one for any non-loopback host. */
  token?: string;
  /** Where the built single-page UI is (default: dist/ui of this package). */
  uiDir?: string;
  /** Fold the latest stored run's frames at start, before anyone asks (default true). */
  warmLatestRun?: boolean;
}

export const STUDIO_OPTIONS = Symbol('STUDIO_OPTIONS');

/** Upload limits: a scenario file, one certificate file, how many certificates one run may carry. */
export const LIMITS = {
  scenarioBytes: 1024 * 1024,
  certificateBytes: 64 * 1024,
  certificates: 16,
  /** A JSON body: the scenario and its certificates, escaped (a newline is two bytes in JSON). */
  jsonBodyBytes: 2 * 1024 * 1024 + 16 * 64 * 1024 * 2,
  /** Runs carried out at once (the machine's cores are shared with the browser and the store). */
  concurrentRuns: 2,
  trainingSessions: 8,
} as const;

/** 127.0.0.0/8, ::1, localhost: where no token is needed. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}
