import { given } from '../test-support/given';
import { decideTvsReload, vouchTable } from './decide-tvs';
import type { TvsKnowledge } from './tvs-roles';
import type { Role } from '../shared/roles';
import { evolveTvs, NO_TVS, rolesFor } from './tvs-state';

const knowledge = (extra: Partial<TvsKnowledge> = {}): TvsKnowledge => ({
  callManagerCertificates: new Set(['cm-pub', 'cm-sub1']),
  itlRecoveryCertificate: 'itlrecovery',
  phoneSastTrust: new Set(['other-cluster-cm']),
  applicationServers: new Set(['tomcat-pub']),
  tvsVouchesForOwnItlRecovery: false,
  tvsVouchesForCtlSigners: false,
  ...extra,
});

describe('the TVS decider', () => {
  it('[SCN] TVS vouches for its cluster\'s CallManagers as SAST and CCM+TFTP, Phone-SAST-trust as SAST and TFTP, tomcat as Application Server', () => {
    expect(vouchTable(knowledge())).toEqual({
      'cm-pub': ['SAST', 'CCM+TFTP'],
      'cm-sub1': ['SAST', 'CCM+TFTP'],
      'other-cluster-cm': ['SAST', 'TFTP'],
      'tomcat-pub': ['APP-SERVER'],
    });
  });

  it('[chapter] [§16.2] its own ITLRecovery gets no role unless the TAC reading is assumed', () => {
    expect(vouchTable(knowledge()).itlrecovery).toBeUndefined();
    expect(vouchTable(knowledge({ tvsVouchesForOwnItlRecovery: true })).itlrecovery).toEqual(['SAST']);
  });

  it('[S125DEF] a change of trust is reflected at once; a reload that finds nothing new records nothing', () => {
    const loaded = given(evolveTvs, NO_TVS).when((s) => decideTvsReload(s, knowledge(), 'CertificateInstalled'));
    loaded.thenMatch([{ type: 'TvsTrustLoaded', data: { cause: 'CertificateInstalled' } }]);
    given(evolveTvs, NO_TVS, loaded.result).when((s) => decideTvsReload(s, knowledge(), 'CertificateUploaded')).thenNothing();
    const after = given(evolveTvs, NO_TVS, loaded.result).when((s) => decideTvsReload(s, knowledge({ callManagerCertificates: new Set(['cm-pub-2', 'cm-sub1']) }), 'CertRegenerated'));
    expect(rolesFor(given(evolveTvs, NO_TVS, [...loaded.result, ...after.result]).state, 'cm-pub')).toEqual([]);
  });

  it('[STOKENLESS] in mixed mode TVS also vouches for the entries of the cluster\'s current CTL — [SFN] not as a trust-list signer, unless assumed', () => {
    const ctlRoles = new Map<string, ReadonlySet<Role>>([['etoken', new Set(['SAST'])], ['capf', new Set(['CAPF'])]]);
    expect(vouchTable(knowledge({ ctlRoles })).capf).toEqual(['CAPF']);
    expect(vouchTable(knowledge({ ctlRoles })).etoken).toBeUndefined();
    expect(vouchTable(knowledge({ ctlRoles, tvsVouchesForCtlSigners: true })).etoken).toEqual(['SAST']);
  });
});
