import type { Role } from '../shared/roles';
import { tvsRolesFor, TvsKnowledge } from './tvs-roles';

const knowledge = (over: Partial<TvsKnowledge> = {}): TvsKnowledge => ({
  callManagerCertificates: new Set(['cm-pub', 'cm-sub1']),
  itlRecoveryCertificate: 'rec',
  phoneSastTrust: new Set(['other-cluster-cm']),
  applicationServers: new Set(['tomcat']),
  tvsVouchesForOwnItlRecovery: false,
  tvsVouchesForCtlSigners: false,
  ...over,
});

describe('what TVS answers about a certificate [SCN role map]', () => {
  it('[SCN] gives any node\'s CallManager certificate SAST and CCM+TFTP', () => {
    expect(tvsRolesFor(knowledge(), 'cm-sub1')).toEqual(['SAST', 'CCM+TFTP']);
  });

  it('[SCN] [SBULK] gives Phone-SAST-trust certificates SAST and TFTP (another cluster in a migration)', () => {
    expect(tvsRolesFor(knowledge(), 'other-cluster-cm')).toEqual(['SAST', 'TFTP']);
  });

  it('[SCN] gives tomcat certificates the Application Server role only', () => {
    expect(tvsRolesFor(knowledge(), 'tomcat')).toEqual(['APP-SERVER']);
  });

  it('[chapter] does not vouch for its own ITLRecovery by default (the two-round procedure), [SREGEN] unless assumed', () => {
    expect(tvsRolesFor(knowledge(), 'rec')).toEqual([]);
    expect(tvsRolesFor(knowledge({ tvsVouchesForOwnItlRecovery: true }), 'rec')).toEqual(['SAST']);
  });

  it('[STOKENLESS] in mixed mode vouches for the entries of its current CTL with their CTL roles', () => {
    const ctlRoles = new Map<string, ReadonlySet<Role>>([['capf', new Set(['CAPF'])], ['token', new Set(['SAST'])]]);
    expect(tvsRolesFor(knowledge({ ctlRoles }), 'capf')).toEqual(['CAPF']);
    expect(tvsRolesFor(knowledge({ ctlRoles }), 'old-rec')).toEqual([]);
  });

  it('[SFN] the CTL it caches does not make it vouch for a trust-list signer (SAST): FN70613\'s endpoints could not validate the new CTL', () => {
    const ctlRoles = new Map<string, ReadonlySet<Role>>([['rec', new Set(['SAST'])], ['cm-pub', new Set(['SAST', 'CCM+TFTP'])]]);
    expect(tvsRolesFor(knowledge({ ctlRoles }), 'rec')).toEqual([]);
    // A signer TVS knows from the database is still vouched for: a node's CallManager [STOKENLESS].
    expect(tvsRolesFor(knowledge({ ctlRoles }), 'cm-pub')).toEqual(['SAST', 'CCM+TFTP']);
  });

  it('[SREGEN] with tvsVouchesForCtlSigners the cached CTL\'s SAST entries count (TAC 214231\'s one-round reading)', () => {
    const ctlRoles = new Map([['rec', new Set(['SAST'] as const)]]);
    expect(tvsRolesFor(knowledge({ ctlRoles, tvsVouchesForCtlSigners: true }), 'rec')).toEqual(['SAST']);
  });

  it('[SCN] knows nothing of certificates elsewhere (CallManager-trust gives no role)', () => {
    expect(tvsRolesFor(knowledge(), 'unknown')).toEqual([]);
  });
});
