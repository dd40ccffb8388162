/**
 * The one adapter between `trustsim check` and the application API. It rehearses the scenario's installed
 * state once — a copy of the file with no steps, no expectations and no phones (phones change neither
 * certificates nor trust files at install; their groups come from the scenario model instead) — into a
 * memory store, then reads that run back through the query bus, as `trustsim cert list --run` and
 * `trustsim itl export --run` do: every node's identity and trust certificates, and the ITL/CTL each TFTP
 * node serves, at step 0 (installed). The answers become a ClusterSnapshot (libs/twin). The copy lives
 * in a temporary folder, removed afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { parseDocument, isMap } from 'yaml';
import { CertificateListEntry, CertificatesQuery, ExportedTrustFile, RunResult, RunScenarioCommand, TrustFilesQuery, TrustsimModule } from '@trustsim/application';
import type { Scenario } from '@trustsim/scenarios';
import {
  certificateFacts,
  Diagnostics,
  formatDiagnostic,
  identityFromFacts,
  nodesOf,
  phoneGroupsOf,
  plannedUpgradesOf,
  readTrustFile,
  trustFileSnapshot,
  type ClusterSnapshot,
  type SnapshotCertificate,
  type SnapshotOptions,
  type SnapshotSet,
  type SnapshotTrustCertificate,
} from '@trustsim/twin';

export async function snapshotFromApplication(scenario: Scenario, options: SnapshotOptions & { cwd: string }): Promise<SnapshotSet> {
  const dir = mkdtempSync(join(tmpdir(), 'trustsim-check-'));
  const installed = join(dir, basename(scenario.file));
  writeFileSync(installed, installedStateOnly(readFileSync(scenario.file, 'utf8')));
  const app = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store: 'memory:', cwd: options.cwd }), { logger: false, abortOnError: false });
  try {
    const run: RunResult = await app.get(CommandBus).execute(new RunScenarioCommand(installed));
    const queries = app.get(QueryBus);
    const clusters: ClusterSnapshot[] = [];
    for (const cluster of scenario.clusters) {
      const diagnostics = new Diagnostics();
      const nodes = nodesOf(cluster);
      const files: ExportedTrustFile[] = await queries.execute(new TrustFilesQuery(run.runId, { cluster: cluster.name, at: 0 }));
      const trustFiles = files.flatMap((f) => {
        const read = readTrustFile(f.bytes, { shown: `${f.cluster}/${f.node}/${f.fileName}`, name: f.fileName, folders: [f.cluster, f.node] }, diagnostics);
        return read ? [trustFileSnapshot(read, nodes)] : [];
      });
      const identities = new Map<string, SnapshotCertificate>();
      const trust = new Map<string, SnapshotTrustCertificate>();
      for (const node of cluster.nodes) {
        const rows: CertificateListEntry[] = await queries.execute(new CertificatesQuery(run.runId, { cluster: cluster.name, node: node.name, at: 0 }));
        for (const row of rows) {
          const facts = certificateFacts(row.info);
          if (row.usage === 'identity') {
            // ITLRecovery is listed on every node (distributed from the publisher [SREGEN]): one certificate, kept once.
            const owner = row.certificate === 'ITLRecovery' ? (cluster.nodes.find((n) => n.role === 'publisher')?.name ?? node.name) : node.name;
            identities.set(`${owner}/${row.certificate}`, identityFromFacts(owner, row.certificate, facts));
          } else {
            const key = `${row.certificate}/${facts.fingerprint}`;
            const held = trust.get(key);
            if (held) held.nodes = [...(held.nodes ?? []), node.name];
            else {
              const { node: _node, purpose: _purpose, ...fields } = identityFromFacts(node.name, row.certificate, facts);
              trust.set(key, { ...fields, store: row.certificate, nodes: [node.name], subject: facts.subject });
            }
          }
        }
      }
      for (const t of trust.values()) if (t.nodes?.length === cluster.nodes.length) delete t.nodes;
      clusters.push({
        name: cluster.name,
        version: cluster.version,
        security: cluster.security,
        ...(cluster.ctl && { ctl: cluster.ctl }),
        nodes,
        identities: [...identities.values()],
        trustCertificates: [...trust.values()],
        trustFiles,
        phoneGroups: phoneGroupsOf(cluster),
        plannedUpgrades: plannedUpgradesOf(scenario, cluster, options.target),
        gaps: diagnostics.items.map(formatDiagnostic),
      });
    }
    return {
      scenario: scenario.name,
      file: scenario.file,
      now: (options.now ?? new Date(scenario.start)).toISOString(),
      keysMinted: scenario.twin !== undefined,
      source: 'simulator',
      clusters,
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The scenario file without steps, expectations and phones: what the cluster is once installed. */
export function installedStateOnly(text: string): string {
  const doc = parseDocument(text);
  doc.delete('steps');
  doc.delete('expect');
  const clusters = doc.get('clusters');
  if (isMap(clusters)) for (const item of clusters.items) if (isMap(item.value)) item.value.delete('phones');
  return doc.toString();
}
