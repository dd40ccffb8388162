/**
 * `trustsim check` on the purpose-built examples of examples/twin/check: each finds its own risk and no
 * other; the healthy one finds none. Also the worked example (examples/twin/twin.yaml): its stale CTL.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '@trustsim/scenarios';
import { runCheck } from './run-check';
import { snapshotFromTwin } from './snapshot-from-twin';

const examples = join(__dirname, '../../../../examples/twin');
const check = (file: string) => runCheck(snapshotFromTwin(loadScenario(file)), { days: 90, failOn: 'high' });

const EXPECTED: Record<string, { rules: string[]; failed: boolean }> = {
  'healthy.yaml': { rules: [], failed: false },
  'expiring-certificate.yaml': { rules: ['certificate-expiring'], failed: true },
  'order-trap-11.5.yaml': { rules: ['callmanager-and-tvs-due-together', 'certificate-expiring'], failed: true },
  'fn70613-refresh-upgrade.yaml': { rules: ['fn70613-refresh-upgrade'], failed: true },
  'itl-close-to-limit.yaml': { rules: ['itl-size'], failed: false },
  'phone-sast-trust-emcc-hub.yaml': { rules: ['itl-size'], failed: false },
  'weak-certificates.yaml': { rules: ['weak-certificate'], failed: true },
  'no-security-by-default.yaml': { rules: ['model-without-security-by-default'], failed: false },
  'callmanager-key-size.yaml': { rules: ['callmanager-key-size'], failed: false },
  'stale-ctl.yaml': { rules: ['ctl-not-updated'], failed: true },
  'secure-without-lsc.yaml': { rules: ['secure-profile-without-lsc'], failed: true },
  'trust-certificate-expired.yaml': { rules: ['trust-certificate-expiring'], failed: false },
};

describe('check on the purpose-built examples (examples/twin/check)', () => {
  it('covers every example file, and every rule by at least one example', () => {
    expect(readdirSync(join(examples, 'check')).filter((f) => f.endsWith('.yaml')).sort()).toEqual(Object.keys(EXPECTED).sort());
    const { rules } = check(join(examples, 'check', 'healthy.yaml'));
    expect(new Set(Object.values(EXPECTED).flatMap((e) => e.rules))).toEqual(new Set(rules.map((r) => r.id)));
  });

  it.each(Object.entries(EXPECTED))('%s finds exactly its risk', (file, expected) => {
    const result = check(join(examples, 'check', file));
    expect([...new Set(result.findings.map((f) => f.rule))].sort()).toEqual([...expected.rules].sort());
    expect(result.failed).toBe(expected.failed);
    for (const f of result.findings) expect(f.sources.length).toBeGreaterThan(0);
  });

  it('the worked example: the twin of examples/twin finds the CTL not updated after cucm-sub1\'s renewal [S125CTL], and the lobby 7960s', () => {
    const result = check(join(examples, 'twin.yaml'));
    expect(result.findings.map((f) => [f.severity, f.rule])).toEqual([
      ['high', 'ctl-not-updated'],
      ['medium', 'model-without-security-by-default'],
    ]);
    expect(result.findings[0].title).toBe('corp: the CTL (trust-files/corp/cucm-pub/CTLFile.tlv) lacks the current CallManager of cucm-sub1');
    expect(result.twinNote).toMatch(/private keys stay on the cluster/);
    expect(result.clusters[0].gaps).toEqual([]);
  });
});
