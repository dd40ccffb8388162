/**
 * The KurrentDB server trustsim is tested against and shipped with, in one place: the integration test
 * (`kurrentdb-event-store.int.spec.ts`) starts exactly this, and `kurrentdb-compose.spec.ts` checks that
 * `docker/compose.yaml` runs exactly this too, so the two cannot drift apart.
 */

/** KurrentDB 25.1: the first version with multi-stream appends (atomic batches across streams). */
export const KURRENTDB_IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:25.1';

/** HTTP and gRPC on one port: clients, the admin UI, and the health endpoint. */
export const KURRENTDB_PORT = 2113;

/**
 * An insecure single node with the standard projections running (`$ce-phone`, `$et-…`: the category and
 * event-type streams the adapter's subscriptions read), plus room for single events above the default 1 MiB append limit (the
 * contract stores one): the adapter still splits batches at 1 MiB, so a server left at its default only
 * refuses events that large, in one clear line.
 */
export const KURRENTDB_SINGLE_NODE_ENV: Readonly<Record<string, string>> = {
  KURRENTDB_CLUSTER_SIZE: '1',
  KURRENTDB_RUN_PROJECTIONS: 'All',
  KURRENTDB_START_STANDARD_PROJECTIONS: 'true',
  KURRENTDB_INSECURE: 'true',
  KURRENTDB_MAX_APPEND_SIZE: String(8 * 1024 * 1024),
};

/** The compose service name of the node, which is also its host name on the compose network. */
export const COMPOSE_KURRENTDB_SERVICE = 'kurrentdb';

/** The store URL for an insecure node at host:port. */
export function kurrentDbStoreUrl(host: string, port: number = KURRENTDB_PORT): string {
  return `kurrentdb://${host}:${port}?tls=false`;
}

/** What the `trustsim` service of docker/compose.yaml passes as `--store`. */
export const COMPOSE_STORE_URL = kurrentDbStoreUrl(COMPOSE_KURRENTDB_SERVICE);

/** Pulling the image and starting the node can take a while on a cold machine. */
export const KURRENTDB_STARTUP_TIMEOUT_MS = 180_000;
