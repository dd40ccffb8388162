import { StoreUnavailableError } from './event-store';
import { parseKurrentDbUrl, ProbeTimeoutError, unavailableMessage, withDeadline } from './kurrentdb-connection';

describe('parseKurrentDbUrl', () => {
  it('reads a local insecure node', () => {
    expect(parseKurrentDbUrl('kurrentdb://localhost:2113?tls=false')).toEqual({
      address: 'localhost:2113',
      hosts: [{ host: 'localhost', port: 2113 }],
      discover: false,
      tls: false,
      hasCredentials: false,
      connectionString: 'kurrentdb://localhost:2113?tls=false',
    });
  });

  it('hands the client esdb:// URLs under the kurrentdb scheme, settings untouched', () => {
    expect(parseKurrentDbUrl('esdb://admin:changeit@db:2113?tls=false&tlsVerifyCert=false').connectionString).toBe(
      'kurrentdb://admin:changeit@db:2113?tls=false&tlsVerifyCert=false',
    );
    expect(parseKurrentDbUrl('esdb+discover://a:2113,b:2113').connectionString).toBe('kurrentdb+discover://a:2113,b:2113');
  });

  it('defaults to port 2113 and to TLS, as the server does', () => {
    const target = parseKurrentDbUrl('kurrentdb://admin:changeit@db.example.org/');
    expect(target).toMatchObject({ address: 'db.example.org:2113', tls: true, hasCredentials: true });
  });

  it('reads a cluster of gossip seeds and IPv6 addresses', () => {
    const target = parseKurrentDbUrl('kurrentdb+discover://node1:2113,node2:2114,[::1]:2115?tls=true&nodePreference=leader');
    expect(target.discover).toBe(true);
    expect(target.hosts).toEqual([
      { host: 'node1', port: 2113 },
      { host: 'node2', port: 2114 },
      { host: '::1', port: 2115 },
    ]);
    expect(target.address).toBe('node1:2113,node2:2114,[::1]:2115');
  });

  it.each([
    ['kurrentdb://', /no host given/],
    ['kurrentdb://localhost:0', /"0" is not a port number/],
    ['kurrentdb://localhost:2113?tls=yes', /tls must be true or false/],
    ['kurrentdb://localhost:2113?tsl=false', /unknown option "tsl" \(known: tls, tlsVerifyCert/],
    ['kurrentdb://localhost:2113?throwOnAppendFailure=false', /throwOnAppendFailure cannot be set/],
    ['http://localhost:2113', /it must look like kurrentdb:\/\/host:2113\?tls=false/],
  ])('refuses %s in one line', (url, message) => {
    expect(() => parseKurrentDbUrl(url)).toThrow(StoreUnavailableError);
    expect(() => parseKurrentDbUrl(url)).toThrow(message);
  });

  it('never repeats the password', () => {
    for (const url of ['kurrentdb://admin:s3cret@localhost:99999', 'kurrentdb://admin:s3cret@localhost?x=1', 'kurrentdb://admin:s3cret@']) {
      const error = (() => {
        try {
          parseKurrentDbUrl(url);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error!.message).not.toContain('s3cret');
    }
  });
});

describe('unavailableMessage', () => {
  const local = parseKurrentDbUrl('kurrentdb://localhost:2113');
  const insecure = parseKurrentDbUrl('kurrentdb://localhost:2113?tls=false');

  it('says where, what, and what to check, in one line', () => {
    const refused = new Error('14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:2113.\nResolution note: ');
    expect(unavailableMessage(local, refused)).toBe(
      'cannot reach KurrentDB at localhost:2113: connection refused (is the server running? for a local insecure node add ?tls=false)',
    );
    expect(unavailableMessage(insecure, new Error('14 UNAVAILABLE: Name resolution failed for target dns:nohost:2113'))).toBe(
      'cannot reach KurrentDB at localhost:2113: unknown host (check the host name in the store URL)',
    );
    expect(unavailableMessage(local, Object.assign(new Error('Access denied'), { type: 'access-denied' }))).toBe(
      'KurrentDB at localhost:2113 refused access (access denied): a secure server needs kurrentdb://user:password@host:port',
    );
    expect(unavailableMessage(local, Object.assign(new Error('The operation is unsupported by the server'), { type: 'unknown' }))).toMatch(
      /the server does not speak the KurrentDB protocol there \(is it a KurrentDB\/EventStoreDB node/,
    );
    expect(unavailableMessage(local, new ProbeTimeoutError(3000))).toBe(
      'cannot reach KurrentDB at localhost:2113: no answer within 3 s (is the server running? for a local insecure node add ?tls=false)',
    );
    expect(unavailableMessage(local, new Error('Failed to discover after 10 attempts.'))).toMatch(/no cluster node answered/);
  });

  it('enforces a deadline on a probe', async () => {
    await expect(withDeadline(new Promise(() => undefined), 20)).rejects.toBeInstanceOf(ProbeTimeoutError);
    await expect(withDeadline(Promise.resolve(1), 20)).resolves.toBe(1);
  });
});
