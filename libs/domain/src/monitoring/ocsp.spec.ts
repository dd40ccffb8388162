import { ocspAllowsConnection } from './ocsp';

const refused = { ocspRevokedWithoutCommonCriteria: 'refused' } as const;
const accepted = { ocspRevokedWithoutCommonCriteria: 'accepted' } as const;

describe('OCSP revocation checks on TLS connections', () => {
  it('[chapter] Good lets the connection through, with or without Common Criteria', () => {
    expect(ocspAllowsConnection('good', true, refused).allowed).toBe(true);
    expect(ocspAllowsConnection('good', false, refused).allowed).toBe(true);
  });

  it('[chapter] with Common Criteria on, Revoked and Unknown both fail the connection', () => {
    expect(ocspAllowsConnection('revoked', true, accepted)).toEqual({ allowed: false, reason: expect.stringMatching(/Common Criteria/) });
    expect(ocspAllowsConnection('unknown', true, accepted).allowed).toBe(false);
  });

  it('[chapter] with Common Criteria off, Unknown lets the connection through', () => {
    expect(ocspAllowsConnection('unknown', false, refused).allowed).toBe(true);
  });

  it('[§13] with Common Criteria off, Revoked follows assumption ocspRevokedWithoutCommonCriteria', () => {
    expect(ocspAllowsConnection('revoked', false, refused).allowed).toBe(false);
    expect(ocspAllowsConnection('revoked', false, accepted).allowed).toBe(true);
  });
});
