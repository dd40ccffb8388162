import { decideHttpsServer } from './https-decision';
import { itl, tvs } from '../test-support/views';

const held = itl('held', 'rec', { rec: ['SAST'], cm1: ['CCM+TFTP', 'SAST'], tvs1: ['TVS'] });

describe('a phone reaching its HTTPS services (Extension Mobility, directories)', () => {
  it('[S125DEF] [SCN] trusts the tomcat certificate when a TVS it can reach vouches for it as Application Server', () => {
    expect(decideHttpsServer(held, undefined, 'tomcat1', [tvs('sub1', 'tvs1', { tomcat1: ['APP-SERVER'] })])).toMatchObject({ working: true, via: 'tvs' });
  });

  it('[SCN] a TVS answer without the Application Server role does not do', () => {
    expect(decideHttpsServer(held, undefined, 'tomcat1', [tvs('sub1', 'tvs1', { tomcat1: ['SAST'] })])).toMatchObject({ working: false, reason: 'not-vouched' });
  });

  it('[S125DEF] a certificate of the ITL it holds needs no TVS', () => {
    expect(decideHttpsServer(held, undefined, 'cm1', [])).toEqual({ working: true, via: 'held' });
  });

  it('[S125DEF] with the empty rollback ITL no TVS handshake succeeds: HTTPS services break while the parameter is True', () => {
    const rollback = itl('rb', 'cm1', { cm1: ['SAST'] }, { rollback: true });
    const decision = decideHttpsServer(rollback, undefined, 'tomcat1', [tvs('sub1', 'tvs1', { tomcat1: ['APP-SERVER'] })]);
    expect(decision).toMatchObject({ working: false, tvs: [{ node: 'sub1', outcome: 'handshake-failed' }] });
  });
});
