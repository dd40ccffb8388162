/**
 * Every limit a scenario file is checked against before it runs, in one place, each with why it is
 * where it is. Two kinds:
 * - CUCM's own documented limits (devices per cluster): a scenario beyond them rehearses a cluster
 *   Cisco does not support, so it is refused unless the caller asks for `beyondCucmLimits`;
 * - trustsim's resource limits (total phones, simulated time, YAML nesting and alias expansion): beyond
 *   them a run would exhaust memory or time, so they hold whatever the caller asks.
 */

const DAY_MS = 86_400_000;

/**
 * Devices in a standard CUCM cluster: 40,000 secure or non-secure endpoints, with up to 8 call-processing
 * subscribers. Source: Cisco Collaboration System 10.x SRND, chapter "Collaboration Solutions Design and
 * Deployment Sizing Considerations", section "Server Node and Cluster Maximums"
 * (http://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/srnd/collab10/collab10/sizing.html) [SRND].
 */
export const CUCM_CLUSTER_DEVICES = 40_000;

/**
 * Devices in a megacluster: 80,000 — up to 16 call-processing subscribers (8 primary/backup pairs of
 * 10,000-device nodes), deployed only with Cisco's approval. Source: the same SRND chapter, section "Cisco
 * Unified CM Megacluster Deployment" [SRND]. [uncertain] The section is listed in the stored copy of the
 * chapter but its text could not be read back while writing this; the figure is the one that section has
 * given since the 8.x SRND. Verify before relying on the 40,000–80,000 band.
 * trustsim has no key for "megacluster": a cluster is taken as one when more than
 * CUCM_CALL_PROCESSING_SUBSCRIBERS of its subscribers run callmanager.
 */
export const CUCM_MEGACLUSTER_DEVICES = 80_000;

/** Call-processing subscribers of a standard cluster [SRND]; more make a megacluster. */
export const CUCM_CALL_PROCESSING_SUBSCRIBERS = 8;

/**
 * Phones across all clusters of one scenario, whatever `beyondCucmLimits` says. Measured on the 2-core
 * reference machine with the ITLRecovery rehearsal on five clusters of 40,000 (`npm run bench`): with the
 * SQLite store, whose writer thread takes each step's events in parts, 200,000 phones peak under 1 GB
 * (issue 17; before, 1.6 GB and 56 s). The memory store keeps every event of the run in memory: 80,000
 * phones already take 1.5 GB there, so a run beyond MAX_PHONES_IN_MEMORY_STORE is refused on it.
 */
export const MAX_TOTAL_PHONES = 200_000;

/** Phones a run may have on the memory store (`--store memory:`), which holds all its events: see MAX_TOTAL_PHONES. */
export const MAX_PHONES_IN_MEMORY_STORE = 80_000;

/**
 * How far a scenario may move the simulated clock (its `wait`s, `at`s and reset pacing): 25 years.
 * The longest-lived certificate CUCM issues is ITLRecovery, 20 years [doc SREL14] [doc S125DEF] (15SU1
 * lets the validity be chosen up to 20 years [doc S15DEF]); 25 years lets a scenario rehearse the expiry of
 * every certificate CUCM makes, with room after it, while `wait: 36500d` or `at: 9999999d` — which issue 13
 * saw exhaust memory — are refused before running.
 */
export const MAX_SIMULATED_TIME_MS = 25 * 365 * DAY_MS;

/**
 * How long one paced reset wave (`resetPhones` with `batchSize` and `interval`) may run, first batch to
 * last: one simulated year. The simulator settles background work for at most a year at a time
 * (libs/application scheduler.ts `settle`) and stops the run with an unlocated error beyond it.
 */
export const MAX_RESET_WAVE_MS = 365 * DAY_MS;

/**
 * Nesting of lists and mappings in the YAML text. The language's deepest construct (a names list in a
 * selector list of an expectation in a step) is about ten levels; the yaml composer overflows the stack
 * somewhere between 800 and 1,000 levels, less when called from deep in another stack. 64 is far from both.
 */
export const MAX_YAML_NESTING = 64;

/**
 * Values that aliases may add to the document (an alias counts as everything its anchor holds, a merge
 * `<<: *defaults` as every key it brings). A thousand phone groups merging a ten-key `defaults` add about
 * 20,000; the nine-level "billion laughs" bomb adds 10^9. 200,000 stops bombs long before memory suffers
 * and leaves ten times the room legitimate sharing needs.
 */
export const MAX_ALIAS_EXPANSION = 200_000;

/** RSA key lengths an inline certificate description may give: what X.509 tools commonly generate and read. */
export const RSA_KEY_LENGTH_RANGE = { min: 512, max: 16_384 } as const;
