import type { ClockEvent, ClusterEvent, NodeEvent, PhoneEvent, PhoneOutcomeFacts, SftpEvent, TftpEvent, TvsEvent } from '@trustsim/domain';
import type { RunEvent } from './run-events';

/**
 * Every event a run records, documented for the people who count them with `expect: events: {type, count}`:
 * the stream it goes to, when it is recorded, and each field of its data. docs/events.md is generated from
 * this (events-doc.ts) and a test holds the two together.
 *
 * The catalogue cannot drift from the typed unions: its type demands an entry for every event type of the
 * unions (and no other), and a description for every field of each event's data (and no other) — a new
 * event or field that is not documented here fails `npm run typecheck`; event-catalogue.spec.ts checks the
 * same against the union declarations in the source.
 */

/** Every event type a run records, by the aggregate's typed union. */
export type RecordedEvent = RunEvent | ClusterEvent | NodeEvent | TftpEvent | TvsEvent | PhoneEvent | ClockEvent | SftpEvent;
export type RecordedEventType = RecordedEvent['type'];

/** PhoneSettled's data is typed loosely in the union (phones in one state share one object); it is an outcome. */
type DataOf<T extends RecordedEventType> = T extends 'PhoneSettled' ? PhoneOutcomeFacts : Extract<RecordedEvent, { type: T }>['data'];

/** A description for every field of the data, optional ones included. */
type FieldDocs<D> = { readonly [K in keyof D]-?: string };

/** Stream categories (engine/streams.ts), in the order the documentation lists them. */
export const EVENT_STREAMS = ['run', 'frames', 'cluster', 'node', 'tftp', 'tvs', 'phone', 'clock', 'sftp'] as const;
export type EventStream = (typeof EVENT_STREAMS)[number];

export interface EventDoc<T extends RecordedEventType = RecordedEventType> {
  readonly stream: EventStream;
  /** When the event is recorded, in a sentence or two. */
  readonly when: string;
  readonly fields: FieldDocs<DataOf<T>>;
}

export type EventCatalogue = { readonly [T in RecordedEventType]: EventDoc<T> };

const IDENTITY_FIELDS = {
  cluster: 'the cluster',
  node: 'the node that holds the certificate',
  purpose: 'certificate purpose (CallManager, CallManager-ECDSA, tomcat, tomcat-ECDSA, ipsec, CAPF, TVS, ITLRecovery)',
  generation: '1 at install, +1 at every regeneration or CA-signed upload',
  commonName: "the certificate's subject CN",
  serial: 'serial number, lower-case hex without leading zeros',
  fingerprint: 'SHA-256 of the DER',
  notBefore: 'validity start, ISO time',
  notAfter: 'validity end, ISO time',
  keyType: 'RSA or EC',
  keyBits: 'RSA modulus length, or the EC curve size (256, 384)',
  key: 'the name of the seed-derived private key (never the key itself)',
  der: 'the certificate, DER in base64',
} as const;

const TRUST_ENTRY_FIELDS = {
  store: 'the trust store (canonical name, e.g. tomcat-trust)',
  commonName: "the certificate's subject CN: the name the store files it under",
  serial: 'serial number, lower-case hex without leading zeros',
  fingerprint: 'SHA-256 of the DER',
  der: 'the certificate, DER in base64',
} as const;

const TRUST_FILE_DECIDED = {
  file: 'SHA-256 of the trust file offered',
  fileName: 'ITLFile.tlv, ITLSEP<mac>.tlv or CTLFile.tlv',
  signer: "fingerprint of the file's signer certificate",
  tvs: 'the TVS servers the phone asked about the signer, and their answers',
} as const;

const SERVICES_REACHED = {
  httpsServices: "whether the phone trusts its HTTPS services' server: working or broken (Security-by-Default phones)",
  servicesServer: 'the node whose tomcat certificate serves its HTTPS services',
  servicesTvs: 'the TVS answers about that certificate',
} as const;

const BULK_CERTIFICATES = 'the certificates, each {cluster, node, purpose, commonName, fingerprint}';

export const EVENT_CATALOGUE: EventCatalogue = {
  // ── run ──────────────────────────────────────────────────────────────────────────────────────────────
  RunStarted: {
    stream: 'run',
    when: 'First event of every run (or fork), stored on its own before any work: what is rehearsed, so the run reads back without its file.',
    fields: {
      format: 'the stored event format of the release that wrote it',
      scenario: "the scenario's name",
      title: "the scenario's title, or null",
      file: 'the scenario file',
      seed: 'the seed keys and serials derive from',
      start: 'the simulated start time, ISO',
      assumptions: 'every assumption with the value this run used',
      setup: 'the clusters, nodes, certificates and phone groups as installed',
      steps: "each step's kind, one-line text and digest",
      setupDigest: 'digest of the set-up (a fork must share it)',
      forkedFrom: 'for a fork: the run and step it continues from',
    },
  },
  StepCompleted: {
    stream: 'run',
    when: "Last event of every step (and of the install and the final settle): it marks the end of the step's transaction.",
    fields: {
      step: "the step's index (0-based), or install / settle",
      kind: "the step's kind (absent for install and settle)",
      text: "the step's one-line text",
      at: 'simulated time since the start, ms',
      counts: 'phones per status after the step',
      events: 'events the step stored, this one included',
      refusals: 'what CUCM refused during the step (an upload, a regeneration, a delete, a platform command), each with its node, event and reason; absent when nothing was',
    },
  },
  StepFrame: {
    stream: 'frames',
    when: "Right before each StepCompleted, on the run's frames stream (frames-<run>): every phone's status after the step, what the studio and `show --at` read instead of folding the log.",
    fields: {
      step: "the step's index (0-based), or install / settle",
      statuses: "one character per phone in the run's phone order: t trusted, d degraded, l locked, u unregistered, o off",
      phones: "the phones' names in that order (the install's frame only)",
      segments: 'the phone order cut into groups: cluster, group, model, first phone, count (the install\'s frame only)',
    },
  },
  ExpectationChecked: {
    stream: 'run',
    when: "Each expectation, when its `expect` step runs (or at the end for the file's final `expect`).",
    fields: {
      location: 'file:line:column of the expectation',
      step: 'index of the expect step; absent for the final expect',
      description: 'what was checked',
      passed: 'whether it held',
      detail: 'what was found',
    },
  },
  PhonesResetRequested: {
    stream: 'run',
    when: 'A resetPhones step: the reset is requested; the phones reset in batches on the clock (PhoneReset).',
    fields: { count: 'phones selected', batchSize: 'phones per batch', intervalMs: 'time between batches, ms' },
  },
  SnapshotTaken: {
    stream: 'run',
    when: "A snapshot step: every phone's trust state is kept under a name for a later phone group's `trust:`.",
    fields: { name: "the snapshot's name", groups: 'per phone group: the ITL and CTL its phones hold, and how many phones' },
  },
  RunCompleted: {
    stream: 'run',
    when: 'End of a run that reached its end, stored with the final settle step.',
    fields: { passed: 'every expectation held', expectations: 'expectations checked', failed: 'expectations that failed' },
  },
  ChapterSaysOtherwise: {
    stream: 'run',
    when: "When the run settles, once per case where the chapter's blanket statement and the simulation disagree (a restore of a backup older than a regeneration whose phones recover; the TFTP certificate not regenerated last on 12.0+).",
    fields: {
      id: 'restore-without-regenerated-certificates or tftp-certificate-not-last',
      cluster: 'the cluster',
      chapter: "the chapter's statement, quoted",
      simulation: 'what the simulation predicts instead, and why',
      groups: 'the phone groups concerned (cluster/group)',
      phones: 'how many of their phones',
    },
  },

  // ── cluster ──────────────────────────────────────────────────────────────────────────────────────────
  ClusterInstalled: {
    stream: 'cluster',
    when: 'Install, once per cluster, before the first step.',
    fields: {
      cluster: 'the cluster',
      version: 'its release',
      security: 'non-secure or mixed',
      ctlKind: 'token (CTL client with USB eTokens) or tokenless',
      parameters: 'enterprise and service parameters set by the scenario',
      nodes: 'each node with its role and services',
    },
  },
  ParameterChanged: {
    stream: 'cluster',
    when: 'A setParameter step.',
    fields: { name: 'the parameter', value: 'its new value' },
  },
  ClusterUpgraded: {
    stream: 'cluster',
    when: 'An upgrade step; the reboots and their effects follow as node and TFTP events.',
    fields: {
      from: 'release before',
      to: 'release after',
      method: 'refresh or l2',
      effects: 'what the upgrade does to certificates and trust, one sentence each',
      regeneratesItlRecovery: 'whether this upgrade regenerates ITLRecovery (FN70613)',
      dropsExpiredTrustCertificates: 'whether it removes expired trust certificates',
    },
  },
  CtlKindChanged: {
    stream: 'cluster',
    when: 'The CTL changes kind: `utils ctl` on a token-based cluster (tokenless), the CTL client (token), an upgrade to 14 (tokenless).',
    fields: { from: 'token or tokenless', to: 'token or tokenless', command: 'what changed it' },
  },
  ClusterSecurityModeChanged: {
    stream: 'cluster',
    when: '`utils ctl set-cluster mixed-mode | non-secure-mode`, or the CTL client on a non-secure cluster.',
    fields: { security: 'mixed or non-secure' },
  },
  CtlUpdated: {
    stream: 'cluster',
    when: 'The CTL file is built and signed: mixed mode set, `utils ctl update CTLFile`, `utils ctl reset localkey`, the CTL client, install in mixed mode.',
    fields: {
      fileName: 'CTLFile.tlv',
      file: 'SHA-256 of the file',
      size: 'bytes',
      signer: 'who signed it: cluster, node, purpose, generation, fingerprint',
      mode: 'normal or reset-localkey',
      cause: 'the command or event that built it',
      bytes: 'the file, base64',
      imported: 'true for the CTL a twin imported as its servers serve it (`servedCtl`), not built from the current certificates',
      minted: 'a twin\'s imported CTL: the older certificates it still names, minted as generation 0 (node, purpose, commonName, serial, fingerprint, key reference, DER)',
    },
  },
  CtlClientFailed: {
    stream: 'cluster',
    when: 'A ctlClient step on a release that has no CTL client (14 and later).',
    fields: { reason: 'why' },
  },
  ProxyTftpConfigured: {
    stream: 'cluster',
    when: "A proxyTftp step: this cluster's TFTP nodes sign another cluster's configuration files.",
    fields: { remote: 'the cluster whose phones it serves' },
  },
  ItlRecoveryExported: {
    stream: 'cluster',
    when: '`file get tftp ITLRecovery.p12` on the publisher: the ITLRecovery pair leaves the cluster for safekeeping.',
    fields: { node: 'the publisher', generation: "the ITLRecovery certificate's generation", fingerprint: 'its fingerprint', key: 'the name of its key' },
  },
  EtokenRegistered: {
    stream: 'cluster',
    when: 'The first token-based CTL: the CTL client registers its two USB eTokens.',
    fields: {
      token: 'eToken1 or eToken2',
      node: 'the publisher',
      commonName: "the token certificate's CN",
      issuer: "its issuer's CN",
      serial: 'serial, hex',
      fingerprint: 'SHA-256 of the DER',
      key: 'the name of its key',
      der: 'the certificate, DER in base64',
    },
  },
  BackupTaken: {
    stream: 'cluster',
    when: 'A backup step (DRS): every node\'s certificates, keys (by name) and trust stores.',
    fields: { name: "the backup's name", certificates: 'each node, purpose and generation saved', nodes: "each node's identities and trust stores" },
  },
  BackupRestored: {
    stream: 'cluster',
    when: 'A restore step, after every node it covers recorded NodeRestoredFromBackup.',
    fields: { name: 'the backup restored' },
  },
  AutomaticResetsScheduled: {
    stream: 'cluster',
    when: 'A certificate change that resets the phones by itself (Phone Interaction on Certificate Update: automatic, a hostname or IP change): one wave, scheduled.',
    fields: { cause: 'what changed', at: 'when the wave starts, ms since the start', batchSize: 'phones per batch', intervalMs: 'time between batches, ms' },
  },
  AutomaticResetWaveStarted: {
    stream: 'cluster',
    when: 'The scheduled automatic reset wave starts; its phones then reset in batches (PhoneReset).',
    fields: { cause: 'what changed' },
  },
  CertificateExpiryWarning: {
    stream: 'cluster',
    when: 'A run of the Certificate Expiry Monitor (every 24 h from install or from a restart of the service, hourly once a certificate is within a day of expiry): one per certificate expired or within the notification window.',
    fields: { commonName: "the certificate's CN", where: 'the identity purpose or trust store it is in', state: 'expired or expiring', daysLeft: 'whole days left (negative once expired)' },
  },
  BulkCertificatesImported: {
    stream: 'cluster',
    when: 'bulkCertificates import: the consolidated certificates of the other clusters, uploaded through the upload rules.',
    fields: { certificates: BULK_CERTIFICATES },
  },
  BulkCertificatesImportFailed: {
    stream: 'cluster',
    when: 'bulkCertificates import with nothing consolidated in the SFTP area.',
    fields: { reason: 'why' },
  },

  // ── node ─────────────────────────────────────────────────────────────────────────────────────────────
  NodeInstalled: {
    stream: 'node',
    when: 'Install, once per node.',
    fields: { cluster: 'the cluster', node: 'the node', role: 'publisher or subscriber', services: 'its services', fqdn: 'its FQDN', ip: 'its IP address' },
  },
  CertificateInstalled: {
    stream: 'node',
    when: 'Install: each identity certificate the node has at its release (generation 1, self-signed).',
    fields: IDENTITY_FIELDS,
  },
  CertRegenerated: {
    stream: 'node',
    when: 'regenerate (Regenerate / Generate Self-Signed Certificate) or `set cert regen`, and the platform\'s own regenerations (hostname change, FN70613 upgrade): a new key and self-signed certificate.',
    fields: { ...IDENTITY_FIELDS, during: 'hostname-change or upgrade when the platform regenerated it by itself; absent for an administrator' },
  },
  CertRegenerationRefused: {
    stream: 'node',
    when: "A regenerate whose key length or hash CUCM does not offer for the purpose (chapter Table 6); the certificate stays as it was.",
    fields: { purpose: 'the purpose', keyLength: 'the key length asked', hash: 'the hash asked', reason: 'why, with the rule it rests on' },
  },
  RegenerationFollowUpsRequired: {
    stream: 'node',
    when: 'After a CertRegenerated that leaves the administrator work (Table 7 restarts, the CTL update in mixed mode).',
    fields: { purpose: 'the purpose regenerated', followUps: 'each service to restart or the CTL update, with why' },
  },
  IdentityCertificateUploaded: {
    stream: 'node',
    when: 'An accepted CA-signed identity upload (uploadCertificate into CallManager, tomcat, CAPF, ...): on each node it becomes the identity of (every node a multi-server certificate names).',
    fields: {
      purpose: 'the purpose',
      generation: 'the new generation',
      commonName: "the certificate's CN",
      issuer: "its issuer's CN",
      serial: 'serial, hex',
      fingerprint: 'SHA-256 of the DER',
      replaces: 'fingerprint of the certificate it replaces',
      multiServer: 'whether it is a multi-server (SAN) certificate',
      followUps: 'what the administrator must do next (restarts, CTL update)',
      key: 'the name of the key of the CSR it answers',
      der: 'the certificate, DER in base64',
      uploadedOn: 'the node the upload was made on',
    },
  },
  CsrGenerated: {
    stream: 'node',
    when: 'generateCsr: a new CSR from the node\'s current key, replacing any pending one for the purpose.',
    fields: {
      purpose: 'the purpose',
      distribution: 'single-server or multi-server',
      commonName: "the request's CN (<host>-ms.<domain> for multi-server)",
      subjectAltNames: 'the DNS names requested',
      csr: 'the CSR, PEM',
    },
  },
  CertificateUploaded: {
    stream: 'node',
    when: 'An accepted upload into a trust store, on the node it was made on.',
    fields: { ...TRUST_ENTRY_FIELDS, replaces: 'serial of the certificate of the same name it replaced, if any' },
  },
  TrustReplicated: {
    stream: 'node',
    when: 'A trust certificate uploaded on another node reaches this one (Certificate Change Notification, a couple of minutes later; cluster-wide stores only, powered nodes only).',
    fields: { ...TRUST_ENTRY_FIELDS, from: 'the node it was uploaded on' },
  },
  TrustCertificateInstalled: {
    stream: 'node',
    when: 'Install of a twin: a certificate its trust stores hold on the real cluster (`trustCertificates`), on the nodes named; never replicated.',
    fields: TRUST_ENTRY_FIELDS,
  },
  MicRootsInstalled: {
    stream: 'node',
    when: 'Install: the Cisco manufacturing root CUCM ships, into the stores that hold it.',
    fields: { commonName: "the root's CN", fingerprint: 'SHA-256 of the DER', stores: 'the trust stores it is in', der: 'the certificate, DER in base64' },
  },
  CertificateUploadRejected: {
    stream: 'node',
    when: 'An upload (trust store or identity) the upload rules refuse; nothing changes.',
    fields: { store: 'the store or purpose', code: "the refusal's code", reason: 'why, in a sentence', source: 'the rule\'s source tag' },
  },
  TrustCertificateDeleted: {
    stream: 'node',
    when: 'A deleteCertificate step, on every node the delete reaches (the chapter\'s cluster-wide stores, or only that node; assumption trustDeleteScope).',
    fields: { store: 'the trust store', commonName: 'the certificate deleted', scope: 'cluster or node', warnings: 'what to watch for after it (restarts, phones)' },
  },
  CertificateDeleteRejected: {
    stream: 'node',
    when: 'A deleteCertificate the delete rules refuse (no such certificate, publisher-only store on a subscriber, ...).',
    fields: { store: 'the store', commonName: 'the name asked', code: "the refusal's code", reason: 'why' },
  },
  ExpiredTrustCertificateDropped: {
    stream: 'node',
    when: 'An upgrade that removes expired trust certificates: one per certificate removed.',
    fields: { store: 'the trust store', commonName: 'the certificate', notAfter: 'when it expired, ISO' },
  },
  NodeRestoredFromBackup: {
    stream: 'node',
    when: 'A restore step: the node gets its certificates, keys and trust stores back.',
    fields: { backup: 'the backup', identities: 'its identity certificates by purpose', stores: 'its trust stores' },
  },
  ServiceRestarted: {
    stream: 'node',
    when: 'restartService, or `utils service restart`, on the node.',
    fields: { service: 'the service as named' },
  },
  PlatformCommandRun: {
    stream: 'node',
    when: 'A cli step, before what the command does.',
    fields: { command: 'the command as typed' },
  },
  PlatformCommandFailed: {
    stream: 'node',
    when: 'A cli command that cannot run in this state (no CTL to update, no ITLRecovery.p12 exported, ...).',
    fields: { command: 'the command', reason: 'why' },
  },
  AuthzSigningKeyRegenerated: {
    stream: 'node',
    when: '`set key regen authz signing`.',
    fields: { effect: 'what it changes (OAuth tokens)' },
  },
  HostnameChanged: {
    stream: 'node',
    when: '`set network hostname`; the regenerations and the reset wave follow.',
    fields: { hostname: 'the new host name', fqdn: 'the new FQDN' },
  },
  IpAddressChanged: {
    stream: 'node',
    when: '`set network ip`; ITL rebuilds and the reset wave follow.',
    fields: { from: 'old address', to: 'new address' },
  },
  NodePoweredOff: { stream: 'node', when: 'A power step turning the node (or its cluster) off.', fields: {} },
  NodePoweredOn: { stream: 'node', when: 'A power step turning the node (or its cluster) on; TFTP reloads its tomcat certificate.', fields: {} },
  TlsConnectionAccepted: {
    stream: 'node',
    when: 'A tlsConnection step the node accepts (the peer\'s CA is trusted; OCSP, when on, allows it).',
    fields: { peer: 'the peer', ocsp: "the OCSP answer when OCSP is on" },
  },
  TlsConnectionRefused: {
    stream: 'node',
    when: 'A tlsConnection step the node refuses.',
    fields: { peer: 'the peer', ocsp: 'the OCSP answer when OCSP is on', reason: 'why' },
  },

  // ── tftp ─────────────────────────────────────────────────────────────────────────────────────────────
  ItlResigned: {
    stream: 'tftp',
    when: 'A TFTP node builds and signs its ITL: install, a certificate in it changed, Cisco Tftp restarted, `utils itl reset localkey | remotekey`, an upgrade or restore.',
    fields: {
      cluster: 'the cluster',
      node: 'the TFTP node',
      fileName: 'ITLFile.tlv',
      file: 'SHA-256 of the file',
      size: 'bytes',
      signer: 'who signed it: cluster, node, purpose, generation, fingerprint',
      mode: 'normal, reset-localkey or reset-remotekey',
      cause: 'what made it rebuild',
      certificateUpdate: 'the purpose whose update made it rebuild (Phone Interaction on Certificate Update reacts to it)',
      bytes: 'the file, base64',
    },
  },
  ConfigFileBuilt: {
    stream: 'tftp',
    when: "A TFTP node signs a phone group's configuration file (install, after its CallManager certificate or the group's settings change).",
    fields: {
      configFor: 'the cluster whose configuration it is (another one behind a proxy TFTP)',
      group: 'the phone group',
      content: 'what the file says (CallManager group, security profile)',
      signature: 'its signature, base64',
      signer: "fingerprint of the signing CallManager certificate",
      file: 'the file id',
    },
  },
  TftpOffersCachedTomcatCertificate: {
    stream: 'tftp',
    when: 'A CA-signed tomcat upload on a TFTP node: TFTP keeps offering the cached self-signed certificate until Cisco Tftp restarts.',
    fields: { offered: 'fingerprint TFTP still offers', current: "fingerprint of the node's tomcat certificate now", fix: 'what ends it' },
  },
  TftpTomcatCertificateReloaded: {
    stream: 'tftp',
    when: 'TFTP that offered a stale tomcat certificate loads the current one (Cisco Tftp restart, node power on, regeneration).',
    fields: { offered: 'fingerprint offered now', was: 'fingerprint offered before', cause: 'what reloaded it' },
  },

  // ── tvs ──────────────────────────────────────────────────────────────────────────────────────────────
  TvsTrustLoaded: {
    stream: 'tvs',
    when: "A node's TVS reloads what it vouches for, once per action that changed it (certificates, trust stores, the CTL).",
    fields: { cause: 'what changed', vouches: 'certificate fingerprint → the roles TVS vouches for it in' },
  },

  // ── phone ────────────────────────────────────────────────────────────────────────────────────────────
  PhoneProvisioned: {
    stream: 'phone',
    when: 'Install: each phone with what it holds at the start (`trust: current | none | <snapshot>`).',
    fields: {
      group: 'its phone group',
      model: 'its model',
      cluster: 'the cluster it is provisioned in',
      tftp: 'DHCP option 150: the TFTP servers it asks, in order',
      callManagerGroup: 'its CallManager group',
      power: 'on or off',
      trust: 'what the scenario gave it',
      itl: 'the ITL it holds (file id), or null',
      ctl: 'the CTL it holds (file id), or null',
      config: 'the configuration it runs, or null',
      lsc: 'its LSC, or null',
      registration: 'its registration, or null',
      ...SERVICES_REACHED,
    },
  },
  PhoneReset: {
    stream: 'phone',
    when: 'A phone boots: resetPhones, an automatic reset wave, power on, EMCC login/logout. Its decisions follow.',
    fields: { cause: 'why it reset', tftp: 'the TFTP server that answered, or null', tvsCache: 'whether its TVS cache was cleared or kept (assumption tvsCacheAcrossReset)' },
  },
  CtlAccepted: {
    stream: 'phone',
    when: 'At a boot in mixed mode: the phone accepts the CTL offered.',
    fields: { ...TRUST_FILE_DECIDED, via: 'how the signer was trusted (the CTL it held, TVS, first download, ...)' },
  },
  CtlUpdateFailed: {
    stream: 'phone',
    when: 'At a boot: the phone refuses the CTL offered.',
    fields: { ...TRUST_FILE_DECIDED, reason: "the refusal's code", detail: 'why, in a sentence' },
  },
  ItlAccepted: {
    stream: 'phone',
    when: 'At a boot of a Security-by-Default phone: it accepts the ITL offered (the file it already holds included).',
    fields: { ...TRUST_FILE_DECIDED, via: 'how the signer was trusted (the ITL it held, TVS, first download, ...)' },
  },
  TrustListUpdateFailed: {
    stream: 'phone',
    when: 'At a boot of a Security-by-Default phone: it refuses the ITL offered ("Trust List Update Failed").',
    fields: { ...TRUST_FILE_DECIDED, reason: "the refusal's code", detail: 'why, in a sentence' },
  },
  ConfigAccepted: {
    stream: 'phone',
    when: 'At a boot: the phone accepts its signed configuration file.',
    fields: {
      file: 'the configuration file id',
      signer: 'fingerprint of its signer',
      via: 'how the signer was trusted',
      tvs: 'the TVS answers, when it asked',
      cluster: 'the cluster whose configuration it runs now',
      callManagerGroup: 'the CallManager group it names',
    },
  },
  ConfigRejected: {
    stream: 'phone',
    when: "At a boot: the phone refuses its configuration file's signature.",
    fields: { file: 'the configuration file id', signer: 'fingerprint of its signer', reason: 'why', tvs: 'the TVS answers, when it asked' },
  },
  LscInstalled: {
    stream: 'phone',
    when: 'At a boot that applies the configuration with a CAPF install operation pending: CAPF issues the phone an LSC.',
    fields: {
      cluster: 'the cluster whose CAPF issued it',
      issuer: "the CAPF certificate's CN",
      issuerFingerprint: 'its fingerprint',
      authenticatedWith: 'how CAPF authenticated the phone',
      keyType: 'RSA or EC',
      keySize: 'key length',
      note: 'what was assumed, when something was',
    },
  },
  LscDeleted: { stream: 'phone', when: 'At a boot with a CAPF delete operation pending.', fields: { cluster: 'the cluster whose CAPF deleted it' } },
  CapfOperationPending: {
    stream: 'phone',
    when: 'At a boot: the CAPF operation cannot complete yet and stays pending (e.g. an authentication string not yet entered).',
    fields: { operation: 'install or delete', reason: 'why it waits' },
  },
  CapfOperationFailed: {
    stream: 'phone',
    when: 'At a boot: the CAPF operation fails (no CAPF, key choice the phone cannot make, authentication refused).',
    fields: { operation: 'install or delete', reason: "the failure's code", detail: 'why, in a sentence' },
  },
  PhoneRegistered: {
    stream: 'phone',
    when: 'At the end of a boot: the phone registers.',
    fields: { cluster: 'the cluster', node: 'the CallManager node', mode: 'secure or non-secure', ...SERVICES_REACHED },
  },
  PhoneRegistrationFailed: {
    stream: 'phone',
    when: 'At the end of a boot: the phone cannot register (or not securely where its profile requires it).',
    fields: { reason: "the failure's code", detail: 'why, in a sentence' },
  },
  PhonePoweredOff: { stream: 'phone', when: 'A power step turning the phone off.', fields: {} },
  PhonePoweredOn: { stream: 'phone', when: 'A power step turning the phone on (it boots right after).', fields: {} },
  DhcpOption150Changed: { stream: 'phone', when: 'A dhcp step.', fields: { tftp: 'the TFTP servers it asks now, in order' } },
  CapfOperationSet: {
    stream: 'phone',
    when: 'A capf or secureOnboarding step: the operation is set on the phone, to be carried out at its next boot.',
    fields: {
      cluster: 'the cluster whose CAPF carries it out',
      operation: 'install or delete',
      authMode: 'the CAPF authentication mode',
      keyOrder: 'RSA Only, EC Only or EC Preferred, RSA Backup',
      keySize: 'the key size asked',
      onboarding: 'set for Secure Onboarding',
    },
  },
  EmccLoggedIn: { stream: 'phone', when: 'An emcc login step (the phone then resets).', fields: { home: 'the home cluster', tftp: 'the TFTP servers of the home cluster' } },
  EmccLoggedOut: { stream: 'phone', when: 'An emcc logout step (the phone then resets).', fields: { home: 'the home cluster left' } },
  TrustTakenFromSnapshot: {
    stream: 'phone',
    when: 'Install: a phone whose group has `trust: <snapshot>` starts with what that snapshot recorded.',
    fields: { snapshot: 'the snapshot', itl: 'the ITL it holds, or null', ctl: 'the CTL it holds, or null', config: 'the configuration it runs, or null' },
  },
  PhoneSettled: {
    stream: 'phone',
    when: "End of the run, once per phone: its final outcome (what `phones:` expectations check).",
    fields: {
      group: 'its phone group',
      cluster: 'the cluster it is provisioned in',
      model: 'its model',
      status: 'trusted, degraded, locked, unregistered or off',
      itl: 'accepted or trust-list-update-failed',
      ctl: 'accepted or trust-list-update-failed',
      httpsServices: 'working or broken',
      config: 'accepted or rejected',
      registration: 'secure, non-secure or none',
      registeredTo: 'cluster/node it is registered to',
      itlSigner: "the ITL signer it holds: cluster, node, purpose, generation",
      tvs: 'the TVS it asked last and what came of it',
      needsManualTrustListDelete: 'whether only deleting its trust list on the phone recovers it',
    },
  },

  // ── clock ────────────────────────────────────────────────────────────────────────────────────────────
  WorkScheduled: {
    stream: 'clock',
    when: 'Background work is put on the clock: reset batches, an automatic wave, trust replication, a phone power-on, the next Certificate Expiry Monitor run.',
    fields: { seq: 'its sequence number', at: 'when it runs, ms since the start', work: 'what it is' },
  },
  WorkStarted: {
    stream: 'clock',
    when: 'The clock reaches scheduled work and it runs.',
    fields: { seq: 'the work', kind: 'its kind' },
  },
  WorkCancelled: {
    stream: 'clock',
    when: 'Periodic work restarted before its time (a restart of Cisco Certificate Expiry Monitor): the run it had scheduled is dropped.',
    fields: { seq: 'the work dropped', kind: 'its kind', reason: 'what restarted it' },
  },
  ClockAdvanced: {
    stream: 'clock',
    when: 'wait, or a step with `at:`, after the work due until then ran.',
    fields: { to: 'the time now, ms since the start' },
  },

  // ── sftp ─────────────────────────────────────────────────────────────────────────────────────────────
  BulkCertificatesExported: {
    stream: 'sftp',
    when: 'bulkCertificates export: a cluster puts its certificates in the shared SFTP area.',
    fields: { cluster: 'the cluster', type: 'TFTP or All', certificates: BULK_CERTIFICATES },
  },
  BulkCertificatesConsolidated: {
    stream: 'sftp',
    when: 'bulkCertificates consolidate: the exports are merged for import.',
    fields: { on: 'the cluster it was run on', certificates: BULK_CERTIFICATES },
  },
};

/** Every event type a run records, in the catalogue's order. */
export const RECORDED_EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as RecordedEventType[];

/** Whether a run records events of this type (an `events:` expectation of any other type could never count one). */
export function isRecordedEventType(type: string): type is RecordedEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, type);
}
