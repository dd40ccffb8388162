/**
 * Cluster-level domain events published on the @nestjs/cqrs EventBus during a run, for sagas to react
 * to. They are few (one per certificate or file change); per-phone events never go through the bus —
 * 40,000 phones' events in one burst would crawl (stack-notes.md) — they go straight to the store.
 */
export class CertRegenerated {
  constructor(
    readonly runId: string,
    readonly cluster: string,
    readonly node: string,
    readonly purpose: string,
    readonly generation: number,
  ) {}
}

export class ItlResigned {
  constructor(
    readonly runId: string,
    readonly cluster: string,
    readonly node: string,
    readonly cause: string,
    /** The certificate whose update made the TFTP node rebuild the file, if any. */
    readonly certificateUpdate?: string,
  ) {}
}

export type SimulationEvent = CertRegenerated | ItlResigned;
