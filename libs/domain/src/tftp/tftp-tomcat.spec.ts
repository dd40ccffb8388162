import { tftpTomcatAfter } from './tftp-tomcat';

describe('the tomcat certificate TFTP offers', () => {
  it('[chapter] after a CA-signed tomcat upload, TFTP keeps offering the old cached self-signed certificate', () => {
    expect(tftpTomcatAfter('tomcat-uploaded', undefined, 'self-signed')).toBe('self-signed');
  });

  it('[chapter] a second upload before the restart still leaves the certificate TFTP loaded at its start', () => {
    expect(tftpTomcatAfter('tomcat-uploaded', 'self-signed', 'ca-signed-1')).toBe('self-signed');
  });

  it('[chapter] restarting Cisco Tftp makes it offer the current certificate', () => {
    expect(tftpTomcatAfter('tftp-restarted', 'self-signed', 'ca-signed')).toBeUndefined();
  });

  it('[uncertain] a regeneration is taken as refreshing it (no source reports a stale certificate after one)', () => {
    expect(tftpTomcatAfter('tomcat-regenerated', 'self-signed', 'ca-signed')).toBeUndefined();
  });
});
