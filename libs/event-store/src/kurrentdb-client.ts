import type {
  AllStreamResolvedEvent,
  AppendResult as ClientAppendResult,
  AppendStreamRequest,
  AppendStreamState,
  EventData as ClientEventData,
  KurrentDBClient,
  MultiAppendResult,
  ReadAllOptions as ClientReadAllOptions,
  ReadStreamOptions as ClientReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';

/**
 * The part of `@kurrent/kurrentdb-client` the adapter uses, as an interface: the real client behind it in
 * production, an in-memory stand-in (`kurrentdb-fake-client.ts`) in the unit tests that run the contract
 * suite without a server.
 */
export interface KurrentDbConnection {
  appendToStream(stream: string, events: ClientEventData[], options: { streamState: AppendStreamState }): Promise<ClientAppendResult>;
  /** Atomic across streams; rejects with the client's `UnsupportedError` before KurrentDB 25.1. */
  multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult>;
  readStream(stream: string, options: ClientReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: ClientReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): KurrentDbSubscription;
  /** The server's version and whether it takes multi-stream appends (asked once, over gRPC). */
  serverFeatures(): Promise<ServerFeatures>;
  dispose(): Promise<void>;
}

export interface ServerFeatures {
  readonly version: string;
  readonly multiStreamAppend: boolean;
}

/** A catch-up subscription to `$all`: its events in order; `unsubscribe` ends it. */
export interface KurrentDbSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  /** Ends the iteration at once (a Node stream's `destroy`). */
  destroy(): void;
}

/** The gRPC method of multi-stream appends, as the client's server-features check names it. */
const APPEND_SESSION = { path: '/kurrentdb.protocol.v2.streams.StreamsService/AppendSession' };

interface ClientInternals {
  readonly capabilities: Promise<{ serverVersion: string; supports(method: { path: string }): boolean }>;
}

/** Opens the client for a connection string (its own syntax errors surface as exceptions here). */
export function connectKurrentDb(connectionString: string): KurrentDbConnection {
  // Loaded here, not at the top: the rest of the event-store library (and its tests) never pays for the
  // gRPC stack and the native bridge unless a kurrentdb:// store is opened.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { KurrentDBClient: Client } = require('@kurrent/kurrentdb-client') as typeof import('@kurrent/kurrentdb-client');
  const client: KurrentDBClient = Client.connectionString(connectionString);
  return {
    appendToStream: (stream, events, options) => client.appendToStream(stream, events, options),
    multiStreamAppend: (requests) => client.multiStreamAppend(requests),
    readStream: (stream, options) => client.readStream(stream, options),
    readAll: (options) => client.readAll(options),
    subscribeToAll: (options) => client.subscribeToAll(options),
    async serverFeatures() {
      // `capabilities` is the client's own (protected) cached call to the server-features service, the
      // one `multiStreamAppend` checks before it sends anything; asking it first tells us up front.
      const features = await (client as unknown as ClientInternals).capabilities;
      return { version: features.serverVersion, multiStreamAppend: features.supports(APPEND_SESSION) };
    },
    dispose: () => client.dispose(),
  };
}
