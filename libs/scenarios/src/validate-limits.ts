/**
 * The limits of limits.ts that need the whole scenario: devices per cluster (CUCM's, unless the caller
 * passes `beyondCucmLimits`), how far the steps move the simulated clock, and how long one reset wave
 * may be paced. (The total number of phones is checked earlier, while reading, before any phone is named.)
 */
import { formatDuration } from './durations';
import {
  CUCM_CALL_PROCESSING_SUBSCRIBERS,
  CUCM_CLUSTER_DEVICES,
  CUCM_MEGACLUSTER_DEVICES,
  MAX_RESET_WAVE_MS,
  MAX_SIMULATED_TIME_MS,
} from './limits';
import type { ClusterSpec, PhoneSelector, Step } from './model';
import type { ValidationKit } from './validation-kit';
import type { Path } from './yaml-source';

const count = (n: number) => n.toLocaleString('en-US');

export function checkLimits(kit: ValidationKit): void {
  if (!kit.context.beyondCucmLimits) for (const cluster of kit.scenario.clusters) checkClusterDevices(kit, cluster);
  checkSimulatedTime(kit);
  checkStart(kit);
}

/**
 * The start must leave every certificate the simulator writes within X.509's dates (it writes 1950 to 9999):
 * identities are dated from the simulated time, valid up to 20 years (ITLRecovery), and the clock may run
 * MAX_SIMULATED_TIME_MS past the start.
 */
function checkStart(kit: ValidationKit): void {
  const year = new Date(kit.scenario.start).getUTCFullYear();
  const last = 9999 - 20 - Math.ceil(MAX_SIMULATED_TIME_MS / (365 * 86_400_000));
  if (year >= 1950 && year <= last) return;
  kit.report(['start'], { file: kit.scenario.file, line: 1, column: 1 }, `start ${kit.scenario.start} is outside the years certificates can be dated from`, {
    expected: `a start from 1950 to ${last} (certificates run to 9999; some last 20 years, and a scenario may run ${years(MAX_SIMULATED_TIME_MS)})`,
  });
}

/** Whether CUCM would call this cluster a megacluster: more call-processing subscribers than a standard one has [SRND]. */
export function isMegacluster(cluster: ClusterSpec): boolean {
  const subscribers = cluster.nodes.filter((node) => node.role !== 'publisher' && node.services.includes('callmanager'));
  return subscribers.length > CUCM_CALL_PROCESSING_SUBSCRIBERS;
}

/** The most devices CUCM supports in this cluster [SRND]. */
export function cucmDeviceLimit(cluster: ClusterSpec): number {
  return isMegacluster(cluster) ? CUCM_MEGACLUSTER_DEVICES : CUCM_CLUSTER_DEVICES;
}

function checkClusterDevices(kit: ValidationKit, cluster: ClusterSpec): void {
  const phones = cluster.phones.reduce((sum, group) => sum + group.names.length, 0);
  const limit = cucmDeviceLimit(cluster);
  if (phones <= limit) return;
  const kind = isMegacluster(cluster)
    ? `a megacluster (more than ${CUCM_CALL_PROCESSING_SUBSCRIBERS} call-processing subscribers)`
    : `a standard cluster (${count(CUCM_MEGACLUSTER_DEVICES)} in a megacluster, with more than ${CUCM_CALL_PROCESSING_SUBSCRIBERS} subscribers running callmanager)`;
  const base: Path = ['clusters', cluster.name];
  kit.report(kit.has([...base, 'phones']) ? [...base, 'phones'] : base, cluster.loc, `cluster '${cluster.name}' has ${count(phones)} phones: CUCM supports at most ${count(limit)} devices in ${kind} [SRND]`, {
    expected: `at most ${count(limit)} phones, or beyondCucmLimits (trustsim --beyond-cucm-limits) to rehearse it anyway`,
  });
}

/**
 * Follows the simulated clock through the steps as the simulator moves it: `at` jumps forward to a time,
 * `wait` adds to it, a paced `resetPhones` runs until its last batch and `waitFor` (or the end of the run)
 * waits for that. Reports the first step that takes the clock past MAX_SIMULATED_TIME_MS, and every reset
 * wave paced over MAX_RESET_WAVE_MS (the simulator settles background work for at most that long).
 */
function checkSimulatedTime(kit: ValidationKit): void {
  let clock = 0;
  let background = 0; // when the last paced reset ends
  let reported = false;
  const past = (time: number, path: Path, step: Step, what: string) => {
    if (reported || time <= MAX_SIMULATED_TIME_MS) return;
    reported = true;
    kit.report(path, step.loc, `${what} takes the simulated clock to ${years(time)} after the start: trustsim simulates at most ${years(MAX_SIMULATED_TIME_MS)} (${formatDuration(MAX_SIMULATED_TIME_MS)})`, {
      expected: `steps within ${formatDuration(MAX_SIMULATED_TIME_MS)} of the start`,
    });
  };
  for (const step of kit.scenario.steps) {
    const base: Path = ['steps', step.index];
    const key = step.kind === 'capf' && step.onboarding ? 'secureOnboarding' : step.kind;
    if (step.at !== undefined) {
      clock = Math.max(clock, step.at);
      past(clock, kit.has([...base, key, 'at']) ? [...base, key, 'at'] : [...base, 'at'], step, `at ${formatDuration(step.at)}`);
    }
    if (step.kind === 'wait') {
      clock += step.duration;
      past(clock, [...base, 'wait'], step, `this wait`);
    } else if (step.kind === 'waitFor') {
      clock = Math.max(clock, background);
      past(clock, [...base, 'waitFor'], step, 'waiting for the paced resets');
    } else if (step.kind === 'resetPhones' && step.batchSize !== undefined && step.interval) {
      const phones = selectedPhones(kit, step.phones, step.cluster);
      const span = (Math.ceil(phones / step.batchSize) - 1) * step.interval;
      if (span > MAX_RESET_WAVE_MS) {
        kit.report([...base, 'resetPhones', kit.has([...base, 'resetPhones', 'interval']) ? 'interval' : 'batchSize'], step.loc,
          `${count(phones)} phones in batches of ${count(step.batchSize)} every ${formatDuration(step.interval)} take ${formatDuration(span)}: the simulator settles background work for at most ${formatDuration(MAX_RESET_WAVE_MS)}`,
          { expected: `larger batches or a shorter interval (at most ${formatDuration(MAX_RESET_WAVE_MS)} from the first batch to the last)` },
        );
      }
      background = Math.max(background, clock + span);
      past(background, [...base, 'resetPhones', 'interval'], step, 'this reset wave');
    }
  }
}

/** How many phones a selector can reach (an upper bound for a union); `cluster` narrows it to one cluster. */
export function selectedPhones(kit: ValidationKit, selector: PhoneSelector, cluster?: string): number {
  const groups = kit.scenario.clusters.filter((c) => cluster === undefined || c.name === cluster).flatMap((c) => c.phones);
  if ('all' in selector) return groups.reduce((sum, g) => sum + g.names.length, 0);
  if ('group' in selector) return groups.filter((g) => g.group === selector.group).reduce((sum, g) => sum + g.names.length, 0);
  if ('model' in selector) return groups.filter((g) => g.model === selector.model).reduce((sum, g) => sum + g.names.length, 0);
  if ('cluster' in selector) return groups.filter((g) => g.cluster === selector.cluster).reduce((sum, g) => sum + g.names.length, 0);
  if ('names' in selector) return selector.names.length;
  return selector.anyOf.reduce((sum, item) => sum + selectedPhones(kit, item, cluster), 0);
}

function years(ms: number): string {
  const value = ms / (365 * 86_400_000);
  return `${value >= 100 ? Math.round(value).toLocaleString('en-US') : Number(value.toFixed(1))} years`;
}

/**
 * The earliest simulated time (ms after the start) at which each step can run: `at` and `wait` only, since
 * how long `waitFor` waits is known only when running. Indexed by step index.
 */
export function earliestStepTimes(scenario: { steps: readonly Step[] }): number[] {
  let clock = 0;
  return scenario.steps.map((step) => {
    if (step.at !== undefined) clock = Math.max(clock, step.at);
    const at = clock;
    if (step.kind === 'wait') clock += step.duration;
    return at;
  });
}
