import { hostnameChangeEffects, identitiesRegeneratedByHostnameChange, ipChangeEffects } from './network-change';

const node = [
  { purpose: 'CallManager', selfSigned: true },
  { purpose: 'tomcat', selfSigned: false },
  { purpose: 'TVS', selfSigned: true },
  { purpose: 'ITLRecovery', selfSigned: true },
  { purpose: 'CAPF', selfSigned: true },
];

describe('hostname and IP address changes (§10.6)', () => {
  it('a hostname change regenerates every self-signed identity in order, not ITLRecovery [SHOST]', () => {
    expect(identitiesRegeneratedByHostnameChange(node)).toEqual(['CallManager', 'TVS', 'CAPF']);
  });

  it('a hostname change leaves CA-signed certificates to be re-signed [SHOST]', () => {
    expect(identitiesRegeneratedByHostnameChange([{ purpose: 'tomcat', selfSigned: false }, { purpose: 'ipsec', selfSigned: true }])).toEqual(['ipsec']);
    expect(identitiesRegeneratedByHostnameChange([{ purpose: 'ITLRecovery', selfSigned: true }])).toEqual([]);
  });

  it('a hostname change resets all devices; the regenerations rebuild the ITL [SHOST]', () => {
    expect(hostnameChangeEffects(node)).toEqual({ regenerate: ['CallManager', 'TVS', 'CAPF'], rebuildItls: false, resetDevices: true });
  });

  it('an IP change keeps the certificates, rebuilds every ITL and resets all devices [SHOST]', () => {
    expect(ipChangeEffects()).toEqual({ regenerate: [], rebuildItls: true, resetDevices: true });
  });
});
