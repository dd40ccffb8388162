/**
 * Names for phone groups given only a `count`. Part of the determinism contract: the same file and seed
 * give the same names on any machine, in any Node version (SHA-256 and integer arithmetic only).
 *
 * Algorithm (keep it stable; changing it renames every generated phone in every saved report):
 *  1. Prefix: a Cisco OUI, `CISCO_OUIS[u32(sha256("trustsim/oui/<seed>")) mod 8]`, where u32 reads the
 *     first 4 bytes of the digest big-endian and <seed> is the decimal seed.
 *  2. Groups are taken in file order (clusters in file order, then their phone groups). Each starts a
 *     counter at u24(sha256("trustsim/phones/<seed>/<cluster>/<group>")), the first 3 bytes big-endian.
 *  3. Phone i gets `SEP` + OUI + the counter as 6 uppercase hex digits; the counter then advances by one,
 *     modulo 2^24. A value already taken — an explicit `names:` entry anywhere in the file, or a name
 *     generated earlier — is skipped (the counter advances until free).
 * Without collisions, phone i of a group is therefore SEP + OUI + hex(start + i): a function of
 * (seed, cluster, group, i) alone. A collision (rare: 2^24 numbers per scenario) is settled by file order.
 */
import { createHash } from 'node:crypto';

/** Cisco Systems OUIs seen on IP phones; the order is part of the contract. */
export const CISCO_OUIS = ['001BD4', '001D45', '001E4A', '001F6C', '00235E', '0024C4', '00260B', '0026CB'] as const;

const SPACE = 0x1000000; // 2^24 device numbers under one OUI

export interface NameRequest {
  cluster: string;
  group: string;
  count: number;
}

export function phoneNameOui(seed: number): string {
  return CISCO_OUIS[digest(`trustsim/oui/${seed}`).readUInt32BE(0) % CISCO_OUIS.length];
}

/**
 * One list of names per request, in request order. `reserved` holds the explicit names of the file
 * (uppercase), which generated names never collide with.
 */
export function generatePhoneNames(seed: number, requests: readonly NameRequest[], reserved: Iterable<string>): string[][] {
  const oui = phoneNameOui(seed);
  const taken = new Set(reserved);
  const total = requests.reduce((sum, r) => sum + r.count, 0);
  if (total + taken.size > SPACE) throw new RangeError(`cannot name ${total} phones under one OUI (at most ${SPACE})`);
  return requests.map(({ cluster, group, count }) => {
    let counter = digest(`trustsim/phones/${seed}/${cluster}/${group}`).readUIntBE(0, 3);
    const names: string[] = [];
    while (names.length < count) {
      const name = `SEP${oui}${counter.toString(16).toUpperCase().padStart(6, '0')}`;
      counter = (counter + 1) % SPACE;
      if (taken.has(name)) continue;
      taken.add(name);
      names.push(name);
    }
    return names;
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
