import type { DomainEvent } from '../core/event';
import type { NodeAddress } from '../core/refs';
import type { TvsAttempt } from '../tvs/tvs-query';
import type { Registration } from './registration';

/** The configuration a phone runs: where it came from and the CallManager group (= TVS list) it names. */
export interface HeldConfig {
  readonly cluster: string;
  readonly callManagerGroup: readonly string[];
  readonly fileId: string;
}

/** A locally significant certificate, by the CAPF certificate that issued it and when. */
export interface Lsc {
  readonly cluster: string;
  readonly issuerFingerprint: string;
  /** ISO; with the phone's name and issuer, what its X.509 certificate is made from (PhoneCertificates). */
  readonly issuedAt: string;
}

/** A CAPF operation set on the phone's page; the phone carries it out at its next boot (§8). */
export interface PendingCapf {
  readonly cluster: string;
  readonly operation: 'install' | 'delete';
  readonly authMode: string;
  readonly keyOrder?: string;
  readonly keySize?: number;
  /** Secure Onboarding: the MIC is validated against the store the release uses for onboarding (mic-validation.ts). */
  readonly onboarding?: true;
}

/** A trust-list decision as a phone's event carries it. */
interface TrustFileDecided {
  readonly file: string;
  readonly fileName: string;
  readonly signer?: string;
  readonly tvs?: readonly TvsAttempt[];
}

/** The HTTPS server a registered phone reached for its services, and the TVS answers it got about it. */
export interface ServicesReached {
  readonly httpsServices?: 'working' | 'broken';
  readonly servicesServer?: string;
  readonly servicesTvs?: readonly TvsAttempt[];
}

/**
 * The events of a phone (stream `phone-<run>.<name>`): what it holds at the start, every boot (the files
 * offered and what it decided about each, its registration), what an administrator changes on it between
 * boots, its CAPF operations, and its settled outcome at the end of a run.
 */
export type PhoneEvent =
  | DomainEvent<
      'PhoneProvisioned',
      {
        group: string;
        model: string;
        cluster: string;
        tftp: readonly NodeAddress[];
        callManagerGroup: readonly string[];
        power: 'on' | 'off';
        trust: unknown;
        itl: string | null;
        ctl: string | null;
        config: HeldConfig | null;
        lsc: Lsc | null;
        registration: Registration | null;
      } & ServicesReached
    >
  | DomainEvent<'PhoneReset', { cause: string; tftp: NodeAddress | null; tvsCache: 'cleared' | 'kept' }>
  | DomainEvent<'CtlAccepted', TrustFileDecided & { via: string }>
  | DomainEvent<'CtlUpdateFailed', TrustFileDecided & { reason: string; detail?: string }>
  | DomainEvent<'ItlAccepted', TrustFileDecided & { via: string }>
  | DomainEvent<'TrustListUpdateFailed', TrustFileDecided & { reason: string; detail?: string }>
  | DomainEvent<'ConfigAccepted', { file: string; signer: string; via: string; tvs?: readonly TvsAttempt[]; cluster: string; callManagerGroup: readonly string[] }>
  | DomainEvent<'ConfigRejected', { file: string; signer: string; reason: string; tvs?: readonly TvsAttempt[] }>
  | DomainEvent<
      'LscInstalled',
      { cluster: string; issuer: string; issuerFingerprint: string; authenticatedWith: string; keyType: 'RSA' | 'EC'; keySize: number; note?: string }
    >
  | DomainEvent<'LscDeleted', { cluster: string }>
  | DomainEvent<'CapfOperationPending', { operation: string; reason: string }>
  | DomainEvent<'CapfOperationFailed', { operation: string; reason: string; detail?: string }>
  | DomainEvent<'PhoneRegistered', { cluster: string; node: string; mode: 'secure' | 'non-secure' } & ServicesReached>
  | DomainEvent<'PhoneRegistrationFailed', { reason: string; detail?: string }>
  | DomainEvent<'PhonePoweredOff', Record<string, never>>
  | DomainEvent<'PhonePoweredOn', Record<string, never>>
  | DomainEvent<'DhcpOption150Changed', { tftp: readonly NodeAddress[] }>
  | DomainEvent<'CapfOperationSet', PendingCapf>
  | DomainEvent<'EmccLoggedIn', { home: string; tftp: readonly NodeAddress[] }>
  | DomainEvent<'EmccLoggedOut', { home: string }>
  | DomainEvent<'TrustTakenFromSnapshot', { snapshot: string; itl: string | null; ctl: string | null; config: HeldConfig | null }>
  | DomainEvent<'PhoneSettled', Readonly<Record<string, unknown>>>;

export type PhoneEventType = PhoneEvent['type'];
