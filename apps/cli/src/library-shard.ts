import { CliUsageError } from './cli-context';

/** `--shard i/n`: this machine runs the i-th of n parts of a library (1-based, as CI matrices count). */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new CliUsageError(`--shard ${text}: expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 (the second of four parts)`);
  }
  return { index, count };
}

/**
 * The files of one shard: round-robin over the library's sorted paths (file k goes to shard k mod n).
 * It depends only on the sorted list, so every machine of a CI matrix computes the same split from the
 * same checkout, and the shards differ by at most one file. Round-robin rather than contiguous slices:
 * related scenarios sit side by side in the sorted list (a folder per topic) and often cost alike, so
 * dealing them out spreads a heavy topic over the machines instead of giving it all to one.
 */
export function shardFiles(files: readonly string[], shard: Shard): string[] {
  return files.filter((_, k) => k % shard.count === shard.index - 1);
}

/** How a shard names itself in file names: `shard-2-of-4`. */
export function shardLabel(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}
