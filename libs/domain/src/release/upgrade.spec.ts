import { parseRelease } from './release';
import { upgradeEffects } from './upgrade';

const effects = (from: string, to: string, method: 'refresh' | 'l2') => upgradeEffects(parseRelease(from), parseRelease(to), method);

describe('what an upgrade does to the trust certificates', () => {
  it.each([
    ['11.5(1)SU9', '12.5(1)', 'refresh', true],
    ['10.5(2)', '12.5(1)SU2', 'refresh', true],
    ['12.0(1)SU3', '12.5(1)SU1', 'refresh', true],
    ['11.5(1)SU9', '12.5(1)SU3', 'refresh', false],
    ['11.5(1)SU9', '14', 'refresh', false],
    ['12.5(1)', '12.5(1)SU2', 'refresh', false],
    ['12.0(1)', '12.5(1)SU2', 'l2', false],
  ] as const)('[SFN] FN70613: %s → %s by %s upgrade regenerates ITLRecovery: %s', (from, to, method, regenerates) => {
    expect(effects(from, to, method).regeneratesItlRecovery).toBe(regenerates);
  });

  it('[SFN] says why, naming the bug, when ITLRecovery is regenerated', () => {
    expect(effects('11.5(1)SU9', '12.5(1)SU2', 'refresh').why[0]).toBe(
      'A refresh upgrade from 11.5(1)SU9 to 12.5(1)SU2 regenerates ITLRecovery (CSCvv13565, FN70613): phones that trust the old one no longer trust files it signed [SFN].',
    );
  });

  it('[S15DEF] otherwise ITLRecovery is copied on upgrade', () => {
    expect(effects('11.5(1)SU9', '12.5(1)SU3', 'refresh').why[0]).toBe('ITLRecovery is copied on upgrade, so phones keep trusting the files it signs [S15DEF].');
  });

  it.each([
    ['12.5(1)SU5', false],
    ['12.5(1)SU6', true],
    ['12.5(1)SU8', true],
    ['14', false],
    ['14SU1', false],
    ['14SU2', true],
    ['15', true],
  ] as const)('[S14] an upgrade to %s drops expired trust certificates: %s', (to, drops) => {
    expect(effects('11.5(1)SU9', to, 'refresh').dropsExpiredTrustCertificates).toBe(drops);
  });

  it('[S14] says why expired trust certificates are dropped or kept', () => {
    expect(effects('12.5(1)SU2', '14SU2', 'refresh').why[1]).toBe('Expired trust certificates are not imported on an upgrade to 14SU2 [S14].');
    expect(effects('12.5(1)SU2', '14SU1', 'refresh').why[1]).toMatch(/carried over .*12\.5\(1\)SU6 and 14SU2 \[S14\]/);
  });

  it('lists one sentence per effect, each with its source tag', () => {
    const { why } = effects('11.5(1)SU9', '12.5(1)SU6', 'refresh');
    expect(why).toHaveLength(2);
    for (const sentence of why) expect(sentence).toMatch(/\[[A-Z0-9-]+\]\.?$/);
  });
});
