/**
 * libs/scenarios keeps its own copy of a few simulator rules so that `validate` refuses, located, what
 * `run` would refuse — without depending on the domain library. These tests hold the copies to the
 * originals (libs/domain, libs/pki): change one and the other, or a test here fails.
 */
import fc from 'fast-check';
import { csrUnavailable, hasEcdsaIdentities, hasItlRecovery, identityStores, parseRelease } from '@trustsim/domain';
import { PURPOSE_PROFILES } from '@trustsim/pki';
import type { ClusterSpec, NodeSpec } from './model';
import { readRelease } from './releases';
import { missingIdentity } from './validate-certificates';
import { CSR_PURPOSES, MULTI_SERVER_PURPOSES, PURPOSES } from './vocabulary';

const runs = (fallback: number) => Number(process.env.TRUSTSIM_FUZZ_RUNS ?? fallback);

/** Release-shaped text: digits, dots, parentheses, SU, letters and spaces in the places they go, and not. */
const releaseText = fc
  .tuple(
    fc.oneof(fc.nat(120), fc.constantFrom(0, 7, 8, 9, 10, 11, 12, 14, 15, 16, 99)),
    fc.option(fc.nat(12)),
    fc.option(fc.nat(9)),
    fc.option(fc.tuple(fc.constantFrom('SU', 'su', ' SU', 'Su', 'SU '), fc.nat(12), fc.constantFrom('', 'a', 'b', 'z'))),
    fc.constantFrom('', ' ', '  ', '.1', '-52', 'x', '.13900-52'),
  )
  .map(([major, minor, mr, su, tail]) => `${major}${minor === null ? '' : `.${minor}`}${mr === null ? '' : `(${mr})`}${su === null ? '' : `${su[0]}${su[1]}${su[2]}`}${tail}`);

describe('the release grammar of validate and run', () => {
  it('accepts exactly what parseRelease accepts, with the same parts', () => {
    fc.assert(
      fc.property(fc.oneof(releaseText, fc.string({ maxLength: 12 })), (text) => {
        const ours = readRelease(text);
        let theirs: ReturnType<typeof parseRelease> | undefined;
        try {
          theirs = parseRelease(text);
        } catch {
          theirs = undefined;
        }
        if (theirs === undefined) expect('problem' in ours).toBe(true);
        else expect(ours).toEqual({ release: { major: theirs.major, minor: theirs.minor, mr: theirs.mr, su: theirs.su } });
      }),
      { numRuns: runs(2_000) },
    );
  });
});

describe('multi-server purposes', () => {
  it('are the purposes libs/pki gives a multi-server profile (chapter Table 3)', () => {
    const pki = Object.values(PURPOSE_PROFILES)
      .filter((profile) => profile.multiServer)
      .map((profile) => profile.purpose)
      .sort();
    expect([...MULTI_SERVER_PURPOSES].sort()).toEqual(pki);
  });
});

describe('identities per release', () => {
  const node = (role: NodeSpec['role'], services: NodeSpec['services']): NodeSpec => ({ name: role, role, services, loc: { file: 'f', line: 1, column: 1 } });

  it.each(['8.6(2)', '9.1(2)SU3', '10.0(1)', '10.5(2)SU9', '11.0(1)', '11.5(1)SU9', '12.5(1)SU3', '14SU2', '15'])(
    'agree with the domain at %s: -ECDSA from 11.0, ITLRecovery from 10.0',
    (version) => {
      const read = readRelease(version);
      if (!('release' in read)) throw new Error(`${version} should be a release`);
      const cluster = { version } as ClusterSpec;
      const publisher = node('publisher', ['callmanager', 'tftp', 'capf']);
      const domain = parseRelease(version);
      expect(missingIdentity(read.release, cluster, publisher, 'CallManager-ECDSA') === undefined).toBe(hasEcdsaIdentities(domain));
      expect(missingIdentity(read.release, cluster, publisher, 'tomcat-ECDSA') === undefined).toBe(hasEcdsaIdentities(domain));
      expect(missingIdentity(read.release, cluster, publisher, 'ITLRecovery') === undefined).toBe(hasItlRecovery(domain));
      for (const purpose of ['CallManager', 'TVS', 'tomcat', 'ipsec'] as const) expect(missingIdentity(read.release, cluster, node('subscriber', []), purpose)).toBeUndefined();
    },
  );
});

describe('CSR purposes (issue 20)', () => {
  it("[chapter] are the domain catalogue's CA-signable identities, and the ones the node decider makes a CSR for", () => {
    const caSignable = identityStores()
      .filter((info) => info.caSignable.value)
      .map((info) => info.name)
      .sort();
    expect([...CSR_PURPOSES].sort()).toEqual(caSignable);
    for (const purpose of PURPOSES) expect(csrUnavailable(purpose) === undefined).toBe((CSR_PURPOSES as readonly string[]).includes(purpose));
  });
});
