import { StoreUnavailableError } from './event-store';

/**
 * What a `kurrentdb://…` / `esdb://…` store URL names, parsed without the client library so that a
 * mistake is reported in one line and no message ever repeats the password of the connection string.
 */
export interface KurrentDbTarget {
  /** `host:port` of every node named, comma-separated: what messages show (never the credentials). */
  readonly address: string;
  readonly hosts: readonly { readonly host: string; readonly port: number }[];
  /** `+discover`: the hosts are gossip seeds of a cluster rather than one node. */
  readonly discover: boolean;
  /** False only with `tls=false` (an insecure node). EventStoreDB and KurrentDB default to TLS. */
  readonly tls: boolean;
  readonly hasCredentials: boolean;
  /**
   * The string handed to the client: the same settings under the `kurrentdb` scheme (the client prints a
   * deprecation warning for `esdb`, which would break the one-line output of the CLI).
   */
  readonly connectionString: string;
}

export const KURRENTDB_DEFAULT_PORT = 2113;

/**
 * Query options the client knows (case-insensitive). Anything else is refused here: the client would only
 * warn, printing the whole connection string (password included) to stderr.
 */
const OPTION_NAMES = [
  'tls',
  'tlsVerifyCert',
  'tlsCAFile',
  'userCertFile',
  'userKeyFile',
  'connectionName',
  'nodePreference',
  'defaultDeadline',
  'maxDiscoverAttempts',
  'discoveryInterval',
  'gossipTimeout',
  'keepAliveInterval',
  'keepAliveTimeout',
];
const KNOWN_OPTIONS = new Set([...OPTION_NAMES, 'throwOnAppendFailure'].map((key) => key.toLowerCase()));

const URL_PATTERN = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/(?:([^@/?]*)@)?([^/?]*)\/?(?:\?(.*))?$/i;

/** Parses a store URL; throws `StoreUnavailableError` (one line, no password) when it is not one. */
export function parseKurrentDbUrl(url: string): KurrentDbTarget {
  const match = URL_PATTERN.exec(url.trim());
  if (!match) {
    throw invalid(`it must look like kurrentdb://host:${KURRENTDB_DEFAULT_PORT}?tls=false`);
  }
  const [, , discoverSuffix, credentials, hostList, query = ''] = match;
  const hosts = hostList.split(',').map((entry) => parseHost(entry.trim()));
  let tls = true;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const key = name.toLowerCase();
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1)).toLowerCase();
    if (!KNOWN_OPTIONS.has(key)) throw invalid(`unknown option "${name}" (known: ${OPTION_NAMES.join(', ')})`);
    if (key === 'throwonappendfailure') throw invalid('throwOnAppendFailure cannot be set: the store relies on the client reporting conflicts');
    if (key === 'tls') {
      if (value !== 'true' && value !== 'false') throw invalid(`tls must be true or false, not "${value}"`);
      tls = value === 'true';
    }
  }
  const discover = discoverSuffix !== undefined;
  const rest = url.trim().slice(url.trim().indexOf('://'));
  return {
    address: hosts.map(({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port}`).join(','),
    hosts,
    discover,
    tls,
    hasCredentials: credentials !== undefined && credentials !== '',
    connectionString: `kurrentdb${discover ? '+discover' : ''}${rest}`,
  };
}

function parseHost(entry: string): { host: string; port: number } {
  // [::1]:2113, [::1], host:2113, host
  const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(entry);
  const plain = /^([^:[\]]+)(?::(\d*))?$/.exec(entry);
  const parts = bracketed ?? plain;
  if (!parts) throw invalid(entry === '' ? 'no host given' : `"${entry}" is not host:port`);
  const [, host, rawPort] = parts;
  if (rawPort === undefined) return { host, port: KURRENTDB_DEFAULT_PORT };
  const port = Number(rawPort);
  if (rawPort === '' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(`"${rawPort}" is not a port number (1-65535)`);
  }
  return { host, port };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(`"${text}" is not URL-encoded text`);
  }
}

function invalid(why: string): StoreUnavailableError {
  return new StoreUnavailableError(`invalid KurrentDB store URL: ${why}`);
}

/**
 * The one line a user reads when the server cannot be used: where, what went wrong in a few words, and
 * what to check. `cause` stays attached for debugging; the message never holds a stack or a password.
 */
export function unavailableMessage(target: KurrentDbTarget, error: unknown): string {
  const reason = shortReason(error);
  if (reason.kind === 'access') {
    return (
      `KurrentDB at ${target.address} refused access (${reason.text}): ` +
      (target.hasCredentials ? 'check the user and password of the store URL' : 'a secure server needs kurrentdb://user:password@host:port')
    );
  }
  const hints: Record<Reason['kind'], string> = {
    protocol: 'is it a KurrentDB/EventStoreDB node, on its gRPC/HTTP port (2113 by default)?',
    host: 'check the host name in the store URL',
    access: '',
    network: target.tls
      ? 'is the server running? for a local insecure node add ?tls=false'
      : 'is the server running, and insecure? for a secure node drop tls=false and give user:password@',
  };
  const hint = hints[reason.kind];
  return `cannot reach KurrentDB at ${target.address}${reason.text ? `: ${reason.text}` : ''} (${hint})`;
}

type Reason = { kind: 'network' | 'host' | 'access' | 'protocol'; text: string };

function shortReason(error: unknown): Reason {
  const raw = error instanceof Error ? `${error.message} ${(error as { details?: string }).details ?? ''}` : String(error);
  const type = (error as { type?: string } | undefined)?.type;
  const text = raw.replace(/\s+/g, ' ');
  if (type === 'access-denied' || /access denied|unauthenticated|permission/i.test(text)) return { kind: 'access', text: 'access denied' };
  if (/ECONNREFUSED|connection refused/i.test(text)) return { kind: 'network', text: 'connection refused' };
  if (/name resolution|ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(text)) return { kind: 'host', text: 'unknown host' };
  if (/ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/i.test(text)) return { kind: 'network', text: 'no route to the host' };
  if (error instanceof ProbeTimeoutError) return { kind: 'network', text: error.message };
  if (/Failed to discover/i.test(text)) return { kind: 'network', text: 'no cluster node answered the gossip' };
  if (/unsupported by the server|unimplemented|wrong version number|http\/1|protocol error|bad gateway/i.test(text)) {
    return { kind: 'protocol', text: 'the server does not speak the KurrentDB protocol there' };
  }
  if (/ssl|tls|certificate|handshake/i.test(text)) return { kind: 'network', text: 'TLS handshake failed' };
  return { kind: 'network', text: type === 'unavailable' || type === 'deadline-exceeded' ? 'server unavailable' : '' };
}

/** The probe on open did not answer in time. */
export class ProbeTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`}`);
    this.name = 'ProbeTimeoutError';
  }
}

/** Resolves or rejects like `promise`, or rejects with `ProbeTimeoutError` after `ms`. */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeoutError(ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
