import type { Assumptions } from '../assumptions/assumptions';
import type { PkiPort } from '../core/ports';
import type { CertificateFacts } from '../core/refs';
import type { Release } from '../release/release';

/** What a node's decisions read besides the node itself: its cluster's settings, the clock, certificates, the PKI. */
export interface NodeContext {
  /** Simulated time, epoch ms. */
  readonly now: number;
  readonly release: Release;
  /** The release as written ("12.5(1)SU3"), for the rules that compare release strings. */
  readonly releaseName: string;
  readonly mixedMode: boolean;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly assumptions: Assumptions;
  readonly pki: PkiPort;
  /** Any certificate the run has seen, by fingerprint. */
  certificate(fingerprint: string): CertificateFacts;
  /** The scenario's `certificates:` entry for this node and purpose (key length, hash), if any. */
  certificateSpec(purpose: string): { readonly keyLength?: number; readonly hash?: string } | undefined;
}
