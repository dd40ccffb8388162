import { defaultAssumptions } from '../assumptions/assumptions';
import type { TrustListView } from '../shared/trust-list-view';
import { itl, tvs } from '../test-support/views';
import { given } from '../test-support/given';
import { decideBoot } from './decide-boot';
import type { PhoneEvent } from './phone-events';
import { phoneModel } from './phone-models';
import { evolvePhone, NO_PHONE, type PhoneState } from './phone-state';
import type { CallManagerNode, PhoneFacts, PhoneWorld } from './phone-world';

const facts: PhoneFacts = {
  group: 'lobby',
  cluster: 'hq',
  model: phoneModel('CP-8845')!,
  securityProfile: 'non-secure',
  callManagerGroup: ['sub1'],
  tftp: ['pub'],
  trust: 'current',
  power: 'on',
};

const NOW = Date.parse('2026-01-05T08:00:00Z');

/** The ITL the phone holds (signed by CallManager cm1, TVS certificate tvs1) and the one TFTP now serves. */
const old = itl('itl-old', 'cm1', { cm1: ['SAST', 'CCM+TFTP'], tvs1: ['TVS'] });
const served = (signer: string) => itl(`itl-${signer}`, signer, { [signer]: ['SAST', 'CCM+TFTP'], tvs1: ['TVS'] });

function phoneWorld(offered: TrustListView, tvsServer = tvs('sub1', 'tvs1', { cm2: ['SAST', 'CCM+TFTP'] })): PhoneWorld {
  const files = new Map([old, offered].map((f) => [f.id, f]));
  const cm: CallManagerNode = { cluster: 'hq', node: 'sub1', available: true, mixedMode: false, callManagerFingerprint: 'cm2', address: '10.0.0.2', ecdsaOnly: false, trustedCapfFingerprints: new Set() };
  return {
    now: NOW,
    assumptions: defaultAssumptions(),
    served: () => ({ tftp: { cluster: 'hq', node: 'pub' }, itl: offered, config: { id: 'cfg', signer: offered.signerFingerprint!, cluster: 'hq', callManagerGroup: ['sub1'], content: '' } }),
    firstTftp: () => ({ cluster: 'hq', node: 'pub' }),
    ownFiles: () => undefined,
    trustList: (id) => files.get(id)!,
    configFile: () => ({ id: 'cfg', signerFingerprint: offered.signerFingerprint!, signatureValid: true }),
    tvsServers: () => [tvsServer],
    callManager: () => cm,
    servicesServer: () => undefined,
    capf: () => undefined,
  };
}

const holding: PhoneEvent[] = [
  {
    type: 'PhoneProvisioned',
    data: { group: 'lobby', model: 'CP-8845', cluster: 'hq', tftp: [{ cluster: 'hq', node: 'pub' }], callManagerGroup: ['sub1'], power: 'on', trust: 'current', itl: 'itl-old', ctl: null, config: { cluster: 'hq', callManagerGroup: ['sub1'], fileId: 'cfg-old' }, lsc: null, registration: null },
  },
];

const boot = (world: PhoneWorld) => (s: PhoneState) => decideBoot(s, facts, world, 'resetPhones (step 2)');

describe('a phone boots (§7, §14)', () => {
  it('[S125DEF] with no trust list it trusts the first ITL it is offered, applies the configuration and registers', () => {
    given(evolvePhone, NO_PHONE, [{ ...holding[0], data: { ...holding[0].data, itl: null, config: null } } as PhoneEvent])
      .when(boot(phoneWorld(served('cm2'))))
      .thenMatch([
        { type: 'PhoneReset', data: { cause: 'resetPhones (step 2)', tftp: { cluster: 'hq', node: 'pub' }, tvsCache: 'cleared' } },
        { type: 'ItlAccepted', data: { file: 'itl-cm2', via: 'first-use' } },
        { type: 'ConfigAccepted', data: { via: 'held-tftp', cluster: 'hq', callManagerGroup: ['sub1'] } },
        { type: 'PhoneRegistered', data: { cluster: 'hq', node: 'sub1', mode: 'non-secure' } },
      ]);
  });

  it('[S125DEF] [SCN] an ITL signed by a new CallManager is installed when a TVS the phone can reach vouches for it as SAST', () => {
    given(evolvePhone, NO_PHONE, holding)
      .when(boot(phoneWorld(served('cm2'))))
      .thenMatch([{ type: 'PhoneReset' }, { type: 'ItlAccepted', data: { via: 'tvs', tvs: [{ node: 'sub1', outcome: 'vouched', roles: ['SAST', 'CCM+TFTP'] }] } }, { type: 'ConfigAccepted' }, { type: 'PhoneRegistered' }]);
  });

  it('[SSECMIG] [SBULK] when the TVS presents a certificate the phone\'s ITL does not hold, the handshake fails: "Trust List Update Failed", it keeps its ITL', () => {
    const decided = given(evolvePhone, NO_PHONE, holding).when(boot(phoneWorld(served('cm2'), tvs('sub1', 'tvs2', { cm2: ['SAST'] }))));
    decided.thenMatch([
      { type: 'PhoneReset' },
      { type: 'TrustListUpdateFailed', data: { reason: 'signer-not-trusted', tvs: [{ outcome: 'handshake-failed', presented: 'tvs2' }] } },
      { type: 'ConfigRejected', data: { reason: 'signer-not-trusted' } },
      // It still registers with its stale configuration (assumption configSignatureFailure: degraded) [SMIGC].
      { type: 'PhoneRegistered' },
    ]);
    const after = decided.result.reduce((s: PhoneState, e) => evolvePhone(s, e, { at: NOW }), given(evolvePhone, NO_PHONE, holding).state);
    expect(after).toMatchObject({ itl: 'itl-old', lastItl: 'trust-list-update-failed', lastConfig: 'rejected', lastTvs: 'hq/sub1 handshake-failed' });
  });

  it('[SSECMIG logs] a TVS answer given live is kept for 24 hours; a reset drops it unless tvsCacheAcrossReset says kept', () => {
    const decided = given(evolvePhone, NO_PHONE, holding).when(boot(phoneWorld(served('cm2'))));
    const after = decided.result.reduce((s: PhoneState, e) => evolvePhone(s, e, { at: NOW }), given(evolvePhone, NO_PHONE, holding).state);
    expect(after.tvsCache?.lookup('cm2', ['SAST'], NOW + 23 * 3_600_000)).toMatchObject({ node: 'sub1' });
    expect(after.tvsCache?.lookup('cm2', ['SAST'], NOW + 24 * 3_600_000)).toBeUndefined();
    const reset = (kept: 'cleared' | 'kept'): PhoneEvent => ({ type: 'PhoneReset', data: { cause: 'x', tftp: null, tvsCache: kept } });
    expect(evolvePhone(after, reset('cleared'), { at: NOW }).tvsCache).toBeUndefined();
    expect(evolvePhone(after, reset('kept'), { at: NOW }).tvsCache).toBe(after.tvsCache);
  });

  it('[S125DEF] an ITL whose signature does not verify is never installed', () => {
    const broken = itl('itl-broken', undefined, { cm2: ['SAST'] }, { failure: 'signature does not verify' });
    given(evolvePhone, NO_PHONE, holding)
      .when(boot(phoneWorld(broken)))
      .thenMatch([{ type: 'PhoneReset' }, { type: 'TrustListUpdateFailed', data: { reason: 'bad-signature', detail: 'signature does not verify' } }, { type: 'ConfigRejected' }, { type: 'PhoneRegistered' }]);
  });
});

describe('what an administrator changes on a phone', () => {
  it('[SBULK] a new DHCP option 150 list is what the phone asks next time; EMCC keeps the visiting list to go back to', () => {
    const state = given(evolvePhone, NO_PHONE, holding).state;
    const home = [{ cluster: 'home', node: 'tftp1' }];
    const login = evolvePhone(state, { type: 'EmccLoggedIn', data: { home: 'home', tftp: home } }, { at: NOW });
    expect(login.tftp).toEqual(home);
    expect(evolvePhone(login, { type: 'EmccLoggedOut', data: { home: 'home' } }, { at: NOW }).tftp).toEqual(state.tftp);
  });

  it('[S15CAPF] an LSC installed by CAPF ends the pending operation and is dated when it was issued', () => {
    const state = evolvePhone(given(evolvePhone, NO_PHONE, holding).state, { type: 'CapfOperationSet', data: { cluster: 'hq', operation: 'install', authMode: 'By Null String' } }, { at: NOW });
    const issued = evolvePhone(state, { type: 'LscInstalled', data: { cluster: 'hq', issuer: 'CAPF-1', issuerFingerprint: 'capf1', authenticatedWith: 'null-string', keyType: 'RSA', keySize: 2048 } }, { at: NOW });
    expect(issued.capf).toBeUndefined();
    expect(issued.lsc).toEqual({ cluster: 'hq', issuerFingerprint: 'capf1', issuedAt: '2026-01-05T08:00:00.000Z' });
  });

  it('[chapter] given a CallManager regenerated with a 4096-bit key and a phone whose group handles 2048 only, when it boots, then it cannot register ("some phone models may fail to register")', () => {
    const world = phoneWorld(served('cm2'));
    const node = world.callManager('hq', 'sub1');
    const big: PhoneWorld = { ...world, callManager: () => ({ ...node, callManagerKey: { type: 'RSA', bits: 4096 } }) };
    given(evolvePhone, NO_PHONE, holding)
      .when((s) => decideBoot(s, { ...facts, keySizes: [2048] }, big, 'resetPhones (step 2)'))
      .thenMatch([{ type: 'PhoneReset' }, { type: 'ItlAccepted' }, { type: 'ConfigAccepted' }, { type: 'PhoneRegistrationFailed', data: { reason: 'key-size-unsupported' } }]);
    given(evolvePhone, NO_PHONE, holding)
      .when((s) => decideBoot(s, { ...facts, keySizes: [2048, 4096] }, big, 'resetPhones (step 2)'))
      .thenMatch([{ type: 'PhoneReset' }, { type: 'ItlAccepted' }, { type: 'ConfigAccepted' }, { type: 'PhoneRegistered', data: { node: 'sub1' } }]);
  });

  it('[S125DEF] given an ITL of more than 39 certificates, when the phone boots, then it cannot load it and its registration fails', () => {
    const big = { ...served('cm2'), tooLarge: 'ITLFile.tlv has 41 certificates, more than 39: phones cannot load it' };
    given(evolvePhone, NO_PHONE, holding)
      .when(boot(phoneWorld(big)))
      .thenMatch([
        { type: 'PhoneReset' },
        { type: 'TrustListUpdateFailed', data: { reason: 'too-large' } },
        { type: 'ConfigAccepted' },
        { type: 'PhoneRegistrationFailed', data: { reason: 'trust-list-too-large' } },
      ]);
  });
});
