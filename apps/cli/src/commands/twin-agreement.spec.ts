/**
 * A twin rehearsed is the cluster it describes (issue 15, the engine side): the simulator installs a twin's
 * certificates with their real subjects, issuers, serials and validity, its trust certificates, and the CTL
 * its TFTP servers served — so what `trustsim check --simulate` reads from the simulator (the application
 * adapter) agrees with what `trustsim check` reads from the twin's own fields and trust files.
 */
import { readdirSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalDn } from '@trustsim/domain';
import { loadScenario } from '@trustsim/scenarios';
import { runCheck, snapshotFromTwin, type ClusterSnapshot, type SnapshotCertificate, type SnapshotTrustFile } from '@trustsim/twin';
import { snapshotFromApplication } from './snapshot-from-application';

const examples = join(__dirname, '../../../../examples/twin');
const keys = join(tmpdir(), 'trustsim-twin-round-trip'); // shared with the other twin specs: keys derived once

/** What a certificate is, whoever describes it: names (however spaced), serial, validity, key, hash. */
function identity(c: Omit<SnapshotCertificate, 'node' | 'purpose'>) {
  return {
    subject: c.subject && canonicalDn(c.subject),
    issuer: c.issuer && canonicalDn(c.issuer),
    serial: c.serial,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    keyType: c.keyType,
    keyLength: c.keyLength,
    hash: c.hash,
  };
}

/** A trust file's records and signer (not its size or bytes: the twin's keys are its own). */
function records(f: SnapshotTrustFile) {
  return { kind: f.kind, node: f.node, signer: f.signer, records: f.records.map((r) => [r.role, r.subject, r.serial, r.node]) };
}

const byKind = (files: readonly SnapshotTrustFile[]) => files.map(records).sort((a, b) => `${a.kind}${a.node}`.localeCompare(`${b.kind}${b.node}`));

describe('[twin] the simulator installs the cluster a twin describes', () => {
  const cwd = process.cwd();
  let imported: ClusterSnapshot;
  let simulated: ClusterSnapshot;
  beforeAll(async () => {
    mkdirSync(keys, { recursive: true });
    process.chdir(keys);
    const scenario = loadScenario(join(examples, 'twin.yaml'));
    imported = snapshotFromTwin(scenario).clusters[0];
    simulated = (await snapshotFromApplication(scenario, { cwd: keys })).clusters[0];
  }, 60_000);
  afterAll(() => process.chdir(cwd));

  it('examples/twin/twin.yaml: every identity certificate with the imported subject, issuer, serial, validity, key and hash', () => {
    expect(imported.identities).toHaveLength(20);
    for (const c of imported.identities) {
      const twin = simulated.identities.find((s) => s.node === c.node && s.purpose === c.purpose);
      expect({ at: `${c.node}/${c.purpose}`, ...identity(twin!) }).toEqual({ at: `${c.node}/${c.purpose}`, ...identity(c) });
      // The key is minted: the fingerprint is the twin's own, never the real one.
      expect(twin!.fingerprint).not.toBe(c.fingerprint);
    }
  });

  it('examples/twin/twin.yaml: the trust certificates of each store, as imported', () => {
    const held = (s: ClusterSnapshot) => s.trustCertificates.map((t) => ({ store: t.store, nodes: t.nodes, ...identity(t) })).sort((a, b) => a.store.localeCompare(b.store));
    expect(held(simulated)).toEqual(held(imported));
  });

  it('[S125CTL] examples/twin/twin.yaml: every ITL and the served CTL record for record — the stale CTL included', () => {
    // The imported CTL was fetched from two TFTP servers; the simulator serves the one CTL from both.
    expect(byKind(simulated.trustFiles)).toEqual(byKind(imported.trustFiles));
    const ctl = simulated.trustFiles.find((f) => f.kind === 'CTL')!;
    // cucm-sub1's CallManager as the CTL still names it (the generation before its renewal, minted for the CTL), and its CallManager-ECDSA.
    expect(ctl.records.filter((r) => r.node === 'cucm-sub1' && r.role === 'CCM+TFTP').map((r) => r.serial)).toEqual(['3e7799895ddbdb869d83dad136f3ee1c', '30b7c75816947527cf1e05b25c9f71fe']);
    expect(simulated.identities.find((c) => c.node === 'cucm-sub1' && c.purpose === 'CallManager')!.serial).toBe('51b7cdb21c8f4be4cf9d2cc8227b875a');
  });
});

describe('[twin] check --simulate agrees with check on the twin itself (examples/twin)', () => {
  const cwd = process.cwd();
  beforeAll(() => {
    mkdirSync(keys, { recursive: true });
    process.chdir(keys);
  });
  afterAll(() => process.chdir(cwd));

  const files = ['twin.yaml', ...readdirSync(join(examples, 'check')).filter((f) => f.endsWith('.yaml')).map((f) => `check/${f}`)];
  it.each(files)('%s: the same risks, rule by rule and severity by severity', async (file) => {
    const scenario = loadScenario(join(examples, file));
    const options = { days: 90, failOn: 'high' as const };
    const risks = (result: ReturnType<typeof runCheck>) => result.findings.map((f) => `${f.severity} ${f.rule} ${f.cluster}`).sort();
    const twin = runCheck(snapshotFromTwin(scenario), options);
    const simulated = runCheck(await snapshotFromApplication(scenario, { cwd: keys }), options);
    expect(risks(simulated)).toEqual(risks(twin));
    expect(simulated.twinNote).toBe(twin.twinNote);
  }, 90_000);
});
