/**
 * Clusters from their drafts, with every default that depends on the rest of the cluster filled in:
 * node roles (one publisher), node services, certificate key types, and each phone group's cluster,
 * TFTP list, CallManager group and names.
 */
import type { CertificateSpec, ClusterSpec, NodeSpec, PhoneGroupSpec, ServiceName, SourceLocation, TrustCertificateSpec } from './model';
import type { ScenarioIssue } from './errors';
import { MAX_TOTAL_PHONES } from './limits';
import { generatePhoneNames, type NameRequest } from './phone-names';
import { compact, type ClusterDraft, type NodeDraft, type PhoneGroupDraft } from './schema';
import { issueAt, type Path, type YamlSource } from './yaml-source';

type Source = Pick<YamlSource, 'file' | 'locate'>;

const DEFAULT_SERVICES: readonly ServiceName[] = ['callmanager', 'tvs'];
/** "TVS runs on every node", and Tomcat serves every node's admin pages: both are always on. */
const ALWAYS_ON: readonly ServiceName[] = ['tvs', 'tomcat'];
/** A CallManager group holds at most three servers. */
const CALLMANAGER_GROUP_SIZE = 3;

export function buildClusters(
  drafts: Record<string, ClusterDraft>,
  seed: number,
  source: Source,
): { clusters: ClusterSpec[]; issues: ScenarioIssue[] } {
  const issues: ScenarioIssue[] = [];
  const loc = (path: Path, at?: 'key'): SourceLocation => {
    const { file, line, column } = source.locate(path, at);
    return { file, line, column };
  };

  const clusters = Object.entries(drafts).map(([name, draft]): ClusterSpec => {
    const base: Path = ['clusters', name];
    const nodes = draft.nodes.map((node, j) => buildNode(node, loc([...base, 'nodes', j])));
    issues.push(...assignPublisher(name, nodes, base, source));
    return {
      name,
      version: draft.version,
      security: draft.security,
      ...(draft.ctl ? { ctl: draft.ctl } : {}),
      parameters: draft.parameters,
      nodes,
      certificates: draft.certificates.map((c, j): CertificateSpec => compact({ ...c, keyType: c.keyType ?? (c.purpose.endsWith('-ECDSA') ? 'EC' : 'RSA'), loc: loc([...base, 'certificates', j]) })),
      ...(draft.trustCertificates && { trustCertificates: draft.trustCertificates.map((t, j): TrustCertificateSpec => compact({ ...t, loc: loc([...base, 'trustCertificates', j]) })) }),
      ...(draft.servedCtl && { servedCtl: { signer: draft.servedCtl.signer, records: draft.servedCtl.records.map((r) => compact(r)), loc: loc([...base, 'servedCtl']) } }),
      phones: draft.phones.map((group, k) => buildGroup(group, name, nodes, loc([...base, 'phones', k]))),
      loc: loc(base, 'key'),
    };
  });

  const tooMany = checkTotalPhones(drafts, source);
  if (tooMany) issues.push(tooMany);
  else {
    try {
      nameGeneratedPhones(clusters, drafts, seed);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      issues.push(issueAt(source, ['clusters'], error.message, { expected: 'fewer phones' }));
    }
  }
  return { clusters, issues };
}

/**
 * trustsim's limit on phones in one scenario (limits.ts), checked before a single name is generated: a
 * `count: 1000000` is refused here, at the group that goes past it, instead of after minutes of running.
 */
function checkTotalPhones(drafts: Record<string, ClusterDraft>, source: Source): ScenarioIssue | undefined {
  let total = 0;
  let first: { path: Path } | undefined;
  for (const [name, draft] of Object.entries(drafts)) {
    draft.phones.forEach((group, k) => {
      total += group.names?.length ?? group.count ?? 0;
      if (total > MAX_TOTAL_PHONES && !first) first = { path: ['clusters', name, 'phones', k, group.names ? 'names' : 'count'] };
    });
  }
  if (!first) return undefined;
  const count = (n: number) => n.toLocaleString('en-US');
  return issueAt(source, first.path, `the scenario has ${count(total)} phones: trustsim runs at most ${count(MAX_TOTAL_PHONES)} in one scenario, across all clusters (memory)`, {
    expected: `at most ${count(MAX_TOTAL_PHONES)} phones in all`,
  });
}

function buildNode(draft: NodeDraft, loc: SourceLocation): NodeSpec {
  const services = [...new Set([...(draft.services ?? DEFAULT_SERVICES), ...ALWAYS_ON])];
  return { name: draft.name, role: draft.role ?? 'subscriber', services, ...(draft.address && { address: draft.address }), ...(draft.fqdn && { fqdn: draft.fqdn }), loc };
}

/** Exactly one publisher; a single-node cluster's node is it without saying so. */
function assignPublisher(cluster: string, nodes: NodeSpec[], base: Path, source: Source): ScenarioIssue[] {
  const publishers = nodes.map((n, j) => ({ node: n, j })).filter(({ node }) => node.role === 'publisher');
  if (publishers.length === 0 && nodes.length === 1) {
    nodes[0].role = 'publisher';
    return [];
  }
  if (publishers.length === 0) {
    return [issueAt(source, [...base, 'nodes'], `cluster '${cluster}' has no publisher`, { expected: 'role: publisher on exactly one node' })];
  }
  return publishers.slice(1).map(({ node, j }) =>
    issueAt(source, [...base, 'nodes', j, 'role'], `cluster '${cluster}' already has publisher '${publishers[0].node.name}'; '${node.name}' cannot be one too`, {
      expected: 'exactly one publisher per cluster',
    }),
  );
}

function buildGroup(draft: PhoneGroupDraft, cluster: string, nodes: readonly NodeSpec[], loc: SourceLocation): PhoneGroupSpec {
  const running = (service: ServiceName) => nodes.filter((n) => n.services.includes(service)).map((n) => n.name);
  return compact({
    group: draft.group,
    names: draft.names ?? [], // filled by nameGeneratedPhones when only a count was given
    model: draft.model,
    tftp: draft.tftp ?? running('tftp'),
    callManagerGroup: draft.callManagerGroup ?? running('callmanager').slice(0, CALLMANAGER_GROUP_SIZE),
    securityProfile: draft.securityProfile,
    trust: draft.trust,
    power: draft.power,
    lsc: draft.lsc,
    ecdsa: draft.ecdsa,
    keySizes: draft.keySizes,
    cluster,
    loc,
  });
}

/** Generated names avoid every explicit name of the file, whichever group lists it. */
function nameGeneratedPhones(clusters: ClusterSpec[], drafts: Record<string, ClusterDraft>, seed: number): void {
  const explicit = clusters.flatMap((c) => c.phones.flatMap((g) => g.names));
  const pending: { group: PhoneGroupSpec; request: NameRequest }[] = [];
  for (const cluster of clusters) {
    drafts[cluster.name].phones.forEach((draft, k) => {
      if (draft.names === undefined && draft.count !== undefined) {
        pending.push({ group: cluster.phones[k], request: { cluster: cluster.name, group: draft.group, count: draft.count } });
      }
    });
  }
  const names = generatePhoneNames(seed, pending.map((p) => p.request), explicit);
  pending.forEach((p, i) => (p.group.names = names[i]));
}
