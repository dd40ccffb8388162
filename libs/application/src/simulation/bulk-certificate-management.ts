import { ClusterRuntime } from './cluster-runtime';
import { BulkCertificateArea, BulkEntry, bulkImportStores } from './bulk-certificates';
import { RunContext } from './run-context';
import { TrustStoreOperations } from './trust-store-operations';

/** What Bulk Certificate Management needs from the running simulation. */
export interface BulkCertificateManagementContext extends Pick<RunContext, 'record'> {
  readonly trustStores: Pick<TrustStoreOperations, 'uploadTrust'>;
}

/**
 * The `bulkCertificates` step: Bulk Certificate Management's export, consolidate and import, the way
 * clusters learn each other's TFTP certificates before phones move between them (migration, EMCC). The
 * shared SFTP area and what goes where are in bulk-certificates.ts; this runs the actions and records them.
 */
export class BulkCertificateManagement {
  /** The shared SFTP area of the run. */
  readonly area = new BulkCertificateArea();

  constructor(private readonly ctx: BulkCertificateManagementContext) {}

  /**
   * Bulk Certificate Management through the shared SFTP area [chapter] [SBULK]: export, consolidate, then
   * import on the source (and the destination for the return path), each certificate through the same
   * upload rules as a manual upload, into the stores of `bulkImportStores`.
   */
  run(cluster: ClusterRuntime, action: 'export' | 'consolidate' | 'import', type: 'TFTP' | 'All'): void {
    const describe = (entries: BulkEntry[]) => entries.map((e) => ({ cluster: e.cluster, node: e.node, purpose: e.purpose, commonName: e.certificate.commonName }));
    if (action === 'export') {
      this.ctx.record('cluster', cluster.name, 'BulkCertificatesExported', { type, certificates: describe(this.area.export(cluster, type)) });
      return;
    }
    if (action === 'consolidate') {
      this.ctx.record('cluster', cluster.name, 'BulkCertificatesConsolidated', { certificates: describe(this.area.consolidate()) });
      return;
    }
    const consolidated = this.area.consolidated;
    if (!consolidated) {
      this.ctx.record('cluster', cluster.name, 'BulkCertificatesImportFailed', { reason: 'nothing consolidated in the SFTP area: export from every cluster, then consolidate, then import [chapter]' });
      return;
    }
    const foreign = consolidated.filter((e) => e.cluster !== cluster.name);
    for (const entry of foreign) {
      for (const store of bulkImportStores(entry.purpose)) {
        this.ctx.trustStores.uploadTrust(cluster, cluster.publisher, store, { certificate: entry.certificate });
      }
    }
    this.ctx.record('cluster', cluster.name, 'BulkCertificatesImported', { certificates: describe(foreign) });
  }
}
