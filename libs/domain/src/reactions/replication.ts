/**
 * The Cisco Certificate Change Notification service writes a replicated trust certificate to the other
 * nodes' file systems shortly after the database replicates it [SCN]; trustsim takes a minute (the periodic
 * resync runs every 1800 s, so a minute is the optimistic side).
 */
export const TRUST_REPLICATION_DELAY_MS = 60_000;
