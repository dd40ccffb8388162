import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { TrustFileDigest } from '@trustsim/domain';
import type { IssuedCertificate } from '@trustsim/pki';
import type { Explanation } from '../explain/explain-phone';
import { RunReader } from '../projections/run-reader';
import type { CertificateListEntry } from '../projections/run-view';
import { diffRuns, RunDiff, RunListing, StoredRun } from '../projections/stored-runs';

/** `trustsim runs` */
export class ListRunsQuery {}

/** `trustsim show <run> [--at <step>]` */
export class ShowRunQuery {
  constructor(
    readonly run: string,
    /** After this step (1-based; 0 = installed); the run as it ended without it. */
    readonly at?: number,
  ) {}
}

/** `trustsim diff <runA> <runB>` */
export class DiffRunsQuery {
  constructor(
    readonly a: string,
    readonly b: string,
  ) {}
}

/** `trustsim explain <run> <phone>` */
export class ExplainPhoneQuery {
  constructor(
    readonly run: string,
    readonly phone: string,
    readonly at?: number,
  ) {}
}

export interface ExportedTrustFile {
  cluster: string;
  node: string;
  fileName: string;
  bytes: Buffer;
}

/** `trustsim itl export --run <run> [--at <step>]`: the ITL/CTL files TFTP nodes served after a step (default: at the end). */
export class TrustFilesQuery {
  constructor(
    readonly run: string,
    readonly options: { at?: number; cluster?: string; nodes?: string[]; digest?: TrustFileDigest } = {},
  ) {}
}

/** `trustsim cert list --run <run> --node <node>`: a node's certificates after a step (default: at the end). */
export class CertificatesQuery {
  constructor(
    readonly run: string,
    readonly options: { at?: number; cluster?: string; node: string },
  ) {}
}

/** A phone's certificates after a step: its LSC (with the CAPF that issued it) and its MIC. */
export interface PhoneCertificatesResult {
  phone: string;
  lsc?: { certificate: IssuedCertificate; issuer: { cluster: string; node: string; purpose: string; generation: number; certificate: IssuedCertificate } };
  mic?: IssuedCertificate;
}

/** `trustsim cert phone --run <run> --phone <name>` */
export class PhoneCertificatesQuery {
  constructor(
    readonly run: string,
    readonly phone: string,
    readonly at?: number,
  ) {}
}

const atStep = (at: number | undefined) => (at === undefined ? {} : { afterStep: at });

@QueryHandler(ListRunsQuery)
export class ListRunsHandler implements IQueryHandler<ListRunsQuery, RunListing[]> {
  constructor(private readonly reader: RunReader) {}
  execute(): Promise<RunListing[]> {
    return this.reader.runs.list();
  }
}

@QueryHandler(ShowRunQuery)
export class ShowRunHandler implements IQueryHandler<ShowRunQuery, StoredRun> {
  constructor(private readonly reader: RunReader) {}
  execute(query: ShowRunQuery): Promise<StoredRun> {
    return this.reader.runs.load(query.run, query.at);
  }
}

@QueryHandler(DiffRunsQuery)
export class DiffRunsHandler implements IQueryHandler<DiffRunsQuery, RunDiff> {
  constructor(private readonly reader: RunReader) {}
  async execute(query: DiffRunsQuery): Promise<RunDiff> {
    return diffRuns(await this.reader.runs.load(query.a), await this.reader.runs.load(query.b));
  }
}

@QueryHandler(ExplainPhoneQuery)
export class ExplainPhoneHandler implements IQueryHandler<ExplainPhoneQuery, Explanation> {
  constructor(private readonly reader: RunReader) {}
  execute(query: ExplainPhoneQuery): Promise<Explanation> {
    return this.reader.explain(query.run, query.phone, query.at);
  }
}

@QueryHandler(TrustFilesQuery)
export class TrustFilesHandler implements IQueryHandler<TrustFilesQuery, ExportedTrustFile[]> {
  constructor(private readonly reader: RunReader) {}
  async execute(query: TrustFilesQuery): Promise<ExportedTrustFile[]> {
    const { at, digest } = query.options;
    const folded = await this.reader.fold(query.run, atStep(at));
    const view = this.reader.view(folded);
    const cluster = query.options.cluster ?? folded.setup.clusters[0].name;
    if (!view.world.hasCluster(cluster)) throw new RangeError(`no cluster ${cluster} in run ${folded.runId} (clusters: ${folded.setup.clusters.map((c) => c.name).join(', ')})`);
    const nodes = query.options.nodes?.length ? query.options.nodes : view.world.nodes(cluster).filter((n) => n.services.includes('tftp')).map((n) => n.name);
    const keys = digest ? this.reader.keysOf(folded) : undefined;
    return nodes.flatMap((node) => view.trustFiles(cluster, node, digest, keys).map((f) => ({ cluster, node, ...f })));
  }
}

@QueryHandler(CertificatesQuery)
export class CertificatesHandler implements IQueryHandler<CertificatesQuery, CertificateListEntry[]> {
  constructor(private readonly reader: RunReader) {}
  async execute(query: CertificatesQuery): Promise<CertificateListEntry[]> {
    const folded = await this.reader.fold(query.run, atStep(query.options.at));
    const cluster = query.options.cluster ?? folded.setup.clusters[0].name;
    const view = this.reader.view(folded);
    if (!view.world.hasCluster(cluster)) throw new RangeError(`no cluster ${cluster} in run ${folded.runId} (clusters: ${folded.setup.clusters.map((c) => c.name).join(', ')})`);
    return view.certificates(cluster, query.options.node);
  }
}

@QueryHandler(PhoneCertificatesQuery)
export class PhoneCertificatesHandler implements IQueryHandler<PhoneCertificatesQuery, PhoneCertificatesResult> {
  constructor(private readonly reader: RunReader) {}
  async execute(query: PhoneCertificatesQuery): Promise<PhoneCertificatesResult> {
    const phone = query.phone.toUpperCase();
    const folded = await this.reader.fold(query.run, { ...atStep(query.at), phone });
    const { lsc, lscIssuer, mic } = this.reader.view(folded).phoneCertificates(phone, this.reader.keysOf(folded));
    return { phone, ...(lsc && lscIssuer ? { lsc: { certificate: lsc, issuer: lscIssuer } } : {}), ...(mic ? { mic } : {}) };
  }
}

export const QUERY_HANDLERS = [ListRunsHandler, ShowRunHandler, DiffRunsHandler, ExplainPhoneHandler, TrustFilesHandler, CertificatesHandler, PhoneCertificatesHandler];
