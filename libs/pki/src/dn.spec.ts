import { DnSyntaxError, dnEquals, formatCiscoDn, formatDn, parseCiscoDn, parseDn, type Dn } from './dn';

const cucm: Dn = { CN: 'cucmpub.example.com', OU: 'Voice', O: 'Example', L: 'Austin', ST: 'TX', C: 'US' };

describe('distinguished names', () => {
  it('formats the ITL/CTL (Cisco) form in the order CN, OU, O, L, ST, C', () => {
    expect(formatCiscoDn(cucm)).toBe('CN=cucmpub.example.com;OU=Voice;O=Example;L=Austin;ST=TX;C=US');
  });

  it('orders attributes by kind, not by how the object was written', () => {
    expect(formatCiscoDn({ C: 'US', CN: 'x', O: 'Org' })).toBe('CN=x;O=Org;C=US');
  });

  it('formats the display form with RFC 4514 escaping', () => {
    expect(formatDn({ CN: 'cucmpub', O: 'Cisco Systems, Inc.', C: 'US' })).toBe('CN=cucmpub, O=Cisco Systems\\, Inc., C=US');
    expect(formatDn({ CN: ' padded ' })).toBe('CN=\\ padded\\ ');
    expect(formatDn({ CN: '#hash+plus' })).toBe('CN=\\#hash\\+plus');
  });

  it('round-trips both forms, including separators and backslashes inside values', () => {
    const tricky: Dn = { CN: 'a;b,c\\d', OU: ' lead', O: 'trail ', L: 'back\\ ', C: 'US', extra: [{ type: 'DC', value: 'example' }, { type: 'DC', value: 'com' }] };
    expect(parseCiscoDn(formatCiscoDn(tricky))).toEqual(tricky);
    expect(parseDn(formatDn(tricky))).toEqual(tricky);
    expect(parseCiscoDn(formatCiscoDn(cucm))).toEqual(cucm);
    expect(parseDn(formatDn(cucm))).toEqual(cucm);
  });

  it('parses what people and tools write: spaces around separators, S= for state, E= for e-mail, hex escapes', () => {
    expect(parseDn('CN = cucmpub ,  O=Example , S=TX, E=admin@example.com')).toEqual({
      CN: 'cucmpub',
      O: 'Example',
      ST: 'TX',
      extra: [{ type: 'emailAddress', value: 'admin@example.com' }],
    });
    expect(parseDn('CN=Caf\\C3\\A9')).toEqual({ CN: 'Café' });
    expect(parseCiscoDn('CN=Zürich 𝄞;C=CH')).toEqual({ CN: 'Zürich 𝄞', C: 'CH' });
  });

  it('keeps a repeated attribute as an extra rather than dropping it', () => {
    expect(parseDn('CN=x, OU=Voice, OU=Lab')).toEqual({ CN: 'x', OU: 'Voice', extra: [{ type: 'OU', value: 'Lab' }] });
  });

  it('reads an empty string as the empty name', () => {
    expect(parseDn('')).toEqual({});
    expect(formatCiscoDn({})).toBe('');
  });

  it('reports malformed input', () => {
    expect(() => parseCiscoDn('CN=x;garbage')).toThrow(DnSyntaxError);
    expect(() => parseDn('=x')).toThrow(/not an attribute type/);
    expect(() => parseDn('CN=x\\')).toThrow(/lone backslash/);
  });

  it('compares names attribute by attribute', () => {
    expect(dnEquals(parseDn(formatDn(cucm)), cucm)).toBe(true);
    expect(dnEquals({ ...cucm, OU: 'Other' }, cucm)).toBe(false);
  });
});
