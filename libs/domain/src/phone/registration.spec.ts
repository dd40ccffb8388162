import { registerPhone } from './registration';

const node = (name: string, available = true) => ({ cluster: 'hq', node: name, available });

describe('registration of a non-secure phone', () => {
  it('[SPH7975] registers with the first available node of its CallManager group', () => {
    expect(registerPhone({ callManagerGroup: [node('sub1', false), node('sub2')], configAccepted: true, configSignatureFailure: 'degraded' })).toEqual({
      registered: true,
      cluster: 'hq',
      node: 'sub2',
      mode: 'non-secure',
    });
  });

  it('[SMIGC] still registers with its stale configuration after a refused signature (assumption configSignatureFailure=degraded)', () => {
    expect(registerPhone({ callManagerGroup: [node('sub1')], configAccepted: false, configSignatureFailure: 'degraded' })).toMatchObject({ registered: true, node: 'sub1' });
  });

  it('[SMIGC] with no configuration at all it tries the TFTP server address, which works only if CallManager runs there', () => {
    expect(registerPhone({ callManagerGroup: [], configAccepted: false, tftpServer: node('pub'), configSignatureFailure: 'degraded' })).toMatchObject({ registered: true, node: 'pub' });
    expect(registerPhone({ callManagerGroup: [], configAccepted: false, tftpServer: node('tftp1', false), configSignatureFailure: 'degraded' })).toMatchObject({ registered: false });
  });

  it('[§16.6] under the stricter reading a refused configuration leaves it unregistered', () => {
    expect(registerPhone({ callManagerGroup: [node('sub1')], configAccepted: false, configSignatureFailure: 'unregistered' })).toEqual({
      registered: false,
      reason: 'stale-configuration-refused',
    });
  });
});
