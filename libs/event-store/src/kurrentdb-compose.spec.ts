import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseKurrentDbUrl } from './kurrentdb-connection';
import { COMPOSE_KURRENTDB_SERVICE, COMPOSE_STORE_URL, KURRENTDB_IMAGE, KURRENTDB_PORT, KURRENTDB_SINGLE_NODE_ENV } from './test-support/kurrentdb-test-server';

/**
 * There is no container engine on the machines these unit tests run on, so the compose files are checked
 * here against what the integration test starts (kurrentdb-test-server.ts): same image, port, settings.
 */
const root = resolve(__dirname, '..', '..', '..');
const dockerDir = join(root, 'docker');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string> | string[];
  ports?: string[];
  command?: string[] | string;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  working_dir?: string;
  networks?: Record<string, { ipv4_address?: string }>;
}

function load(file: string): { services: Record<string, Service>; volumes?: Record<string, unknown> } {
  return parse(readFileSync(join(dockerDir, file), 'utf8'), { merge: true });
}

function env(service: Service): Record<string, string> {
  const raw = service.environment ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, String(value)]));
}

describe('docker/compose.yaml', () => {
  const compose = load('compose.yaml');
  const node = compose.services[COMPOSE_KURRENTDB_SERVICE];
  const app = compose.services.trustsim;

  it('runs the image the integration test runs, as an insecure single node with projections', () => {
    expect(node.image).toBe(KURRENTDB_IMAGE);
    expect(env(node)).toMatchObject(KURRENTDB_SINGLE_NODE_ENV);
    expect(env(node).KURRENTDB_CLUSTER_SIZE).toBe('1');
    expect(env(node).KURRENTDB_INSECURE).toBe('true');
    expect(env(node).KURRENTDB_RUN_PROJECTIONS).toBe('All');
    expect(env(node).KURRENTDB_START_STANDARD_PROJECTIONS).toBe('true');
  });

  it('publishes port 2113 (clients and the admin UI) on the host', () => {
    expect(node.ports).toContain(`${KURRENTDB_PORT}:${KURRENTDB_PORT}`);
  });

  it('builds the app from docker/Dockerfile with the repository as context', () => {
    expect(app.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(existsSync(join(dockerDir, app.build!.context, app.build!.dockerfile))).toBe(true);
    expect(existsSync(join(dockerDir, app.build!.context, 'package-lock.json'))).toBe(true);
  });

  it('points the app at the node, insecure, with the store URL the tests use', () => {
    const command = app.command as string[];
    const url = command[command.indexOf('--store') + 1];
    expect(url).toBe(COMPOSE_STORE_URL);
    const target = parseKurrentDbUrl(url);
    expect(target.hosts).toEqual([{ host: COMPOSE_KURRENTDB_SERVICE, port: KURRENTDB_PORT }]);
    expect(target.tls).toBe(env(node).KURRENTDB_INSECURE !== 'true');
    expect(command[0]).toBe('run');
    expect(app.depends_on).toEqual({ [COMPOSE_KURRENTDB_SERVICE]: { condition: 'service_healthy' } });
  });

  it('mounts ./scenarios where the app runs', () => {
    const mount = app.volumes!.find((volume) => volume.startsWith('../scenarios:'));
    expect(mount).toBe(`../scenarios:${app.working_dir}/scenarios:ro`);
    expect(existsSync(join(dockerDir, '..', 'scenarios'))).toBe(true);
    expect(app.command).toContain('scenarios');
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = readFileSync(join(dockerDir, 'Dockerfile'), 'utf8');

  it('builds on Node 20 with npm ci, with the tools better-sqlite3 compiles with', () => {
    expect(dockerfile.match(/^FROM node:20\b/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/apt-get install[^\n]*python3 make g\+\+/);
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/ENTRYPOINT \["trustsim"\]/);
  });

  it('copies everything the build script needs', () => {
    const build = readFileSync(join(root, 'scripts', 'build.js'), 'utf8');
    for (const dir of ['apps', 'libs', 'scripts', 'bin']) expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
    expect(build).toContain("for (const base of ['apps', 'libs'])");
  });

  it('leaves local state out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', '.trustsim']) expect(ignored).toContain(entry);
  });
});

describe('docker/compose.cluster.yaml', () => {
  const compose = load('compose.cluster.yaml');
  const nodes = Object.entries(compose.services);

  it('runs three nodes of the same image and settings, that gossip with each other', () => {
    expect(nodes).toHaveLength(3);
    const addresses = nodes.map(([, service]) => Object.values(service.networks!)[0].ipv4_address);
    for (const [, service] of nodes) {
      expect(service.image).toBe(KURRENTDB_IMAGE);
      const settings = env(service);
      expect(settings).toMatchObject({ ...KURRENTDB_SINGLE_NODE_ENV, KURRENTDB_CLUSTER_SIZE: '3', KURRENTDB_DISCOVER_VIA_DNS: 'false' });
      const own = Object.values(service.networks!)[0].ipv4_address;
      expect(settings.KURRENTDB_REPLICATION_IP).toBe(own);
      const seeds = settings.KURRENTDB_GOSSIP_SEED.split(',');
      expect(seeds.sort()).toEqual(addresses.filter((address) => address !== own).map((address) => `${address}:${KURRENTDB_PORT}`).sort());
    }
  });

  it('gives each node its own host port, the one it tells clients to use', () => {
    const ports = nodes.map(([, service]) => service.ports![0]);
    expect(new Set(ports).size).toBe(3);
    for (const [, service] of nodes) {
      const [published] = service.ports![0].split(':');
      expect(env(service).KURRENTDB_ADVERTISE_NODE_PORT_TO_CLIENT_AS).toBe(published);
    }
  });
});
