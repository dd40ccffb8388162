import { createHash } from 'node:crypto';
import type { TwinIdentityEntry, TwinServedCtl, TwinTrustEntry } from '@trustsim/domain';
import type { Scenario, Step } from '@trustsim/scenarios';

/** A phone group as a stored run keeps it: everything but the generated names (phone streams name the phones). */
export interface GroupSetup {
  group: string;
  count: number;
  model: string;
  tftp: string[];
  callManagerGroup: string[];
  securityProfile: 'non-secure' | 'authenticated' | 'encrypted';
  trust: 'current' | 'none' | { snapshot: string };
  power: 'on' | 'off';
  lsc?: { issuer: string };
  ecdsa?: 'yes' | 'no';
  keySizes?: number[];
}

export interface ClusterSetup {
  name: string;
  version: string;
  security: 'non-secure' | 'mixed';
  ctl?: 'token' | 'tokenless';
  parameters: Record<string, string | number | boolean>;
  /** `fqdn`, `address`: a twin's real names for its nodes. */
  nodes: { name: string; role: 'publisher' | 'subscriber'; services: string[]; fqdn?: string; address?: string }[];
  /** A twin's carry the real certificates' fields (subject, issuer, serial, validity, SANs, fingerprint). */
  certificates: (TwinIdentityEntry & { fingerprint?: string })[];
  /** A twin's trust-store certificates. */
  trustCertificates?: (TwinTrustEntry & { fingerprint?: string })[];
  /** A twin's CTL as its TFTP servers serve it. */
  servedCtl?: TwinServedCtl;
  phones: GroupSetup[];
}

/** Where a twin came from: its keys were minted by trustsim (the real ones stayed on the cluster) — every report says so. */
export interface TwinSetup {
  keys: 'minted';
  importedAt: string;
  sources: string[];
}

/**
 * What a run rehearsed, before its first step, as plain data: stored in its RunStarted so a colleague who
 * has the store but not the file can read the run (`show`, `explain`, `itl export --run`).
 */
export interface RunSetup {
  seed: number;
  start: string;
  clusters: ClusterSetup[];
  /** A twin of a real cluster (`trustsim import`). */
  twin?: TwinSetup;
}

export function runSetupOf(scenario: Scenario): RunSetup {
  return {
    seed: scenario.seed,
    start: scenario.start,
    clusters: scenario.clusters.map((c) => ({
      name: c.name,
      version: c.version,
      security: c.security,
      ...(c.ctl ? { ctl: c.ctl } : {}),
      parameters: { ...c.parameters },
      nodes: c.nodes.map((n) => ({ name: n.name, role: n.role, services: [...n.services], ...(n.fqdn && { fqdn: n.fqdn }), ...(n.address && { address: n.address }) })),
      certificates: c.certificates.map(({ loc: _loc, ...cert }) => ({ ...cert })),
      ...(c.trustCertificates && { trustCertificates: c.trustCertificates.map(({ loc: _loc, ...cert }) => ({ ...cert })) }),
      ...(c.servedCtl && { servedCtl: { signer: { ...c.servedCtl.signer }, records: c.servedCtl.records.map((r) => ({ ...r })) } }),
      phones: c.phones.map((g) => ({
        group: g.group,
        count: g.names.length,
        model: g.model,
        tftp: [...g.tftp],
        callManagerGroup: [...g.callManagerGroup],
        securityProfile: g.securityProfile,
        trust: g.trust,
        power: g.power,
        ...(g.lsc ? { lsc: g.lsc } : {}),
        ...(g.ecdsa ? { ecdsa: g.ecdsa } : {}),
        ...(g.keySizes ? { keySizes: [...g.keySizes] } : {}),
      })),
    })),
    ...(scenario.twin && { twin: { keys: scenario.twin.keys, importedAt: scenario.twin.importedAt, sources: [...scenario.twin.sources] } }),
  };
}

/** What must be equal between a run and a fork of it: everything before the first step (phone names included). */
export function setupDigest(scenario: Scenario): string {
  return digest({ seed: scenario.seed, start: scenario.start, clusters: scenario.clusters });
}

/** One step without where it is written: two files with the same step give the same digest. */
export function stepDigest(step: Step): string {
  const { loc: _loc, index: _index, text: _text, ...body } = step as Step & Record<string, unknown>;
  return digest(body);
}

function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value, (key, v) => (key === 'loc' ? undefined : v)))
    .digest('hex')
    .slice(0, 16);
}
