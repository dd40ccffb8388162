import { tvsRolesFor, TvsKnowledge } from './tvs-roles';

const knowledge = (over: Partial<TvsKnowledge> = {}): TvsKnowledge => ({
  callManagerCertificates: new Set(['cm-pub', 'cm-sub1']),
  itlRecoveryCertificate: 'rec',
  phoneSastTrust: new Set(['other-cluster-cm']),
  applicationServers: new Set(['tomcat']),
  tvsVouchesForOwnItlRecovery: false,
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

  it('[STOKENLESS] in mixed mode vouches for the entries of its current CTL with their CTL roles (its own ITLRecovery included)', () => {
    const ctlRoles = new Map([['rec', new Set(['SAST'] as const)]]);
    expect(tvsRolesFor(knowledge({ ctlRoles }), 'rec')).toEqual(['SAST']);
    expect(tvsRolesFor(knowledge({ ctlRoles }), 'old-rec')).toEqual([]);
  });

  it('[SCN] knows nothing of certificates elsewhere (CallManager-trust gives no role)', () => {
    expect(tvsRolesFor(knowledge(), 'unknown')).toEqual([]);
  });
});
