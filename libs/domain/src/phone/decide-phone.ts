import type { NodeAddress } from '../core/refs';
import type { HeldConfig, Lsc, PendingCapf, PhoneEvent } from './phone-events';
import type { PhoneState } from './phone-state';
import { registerAs, servicesReached } from './decide-boot';
import type { PhoneFacts, PhoneWorld, ServedToPhone } from './phone-world';
import type { Registration } from './registration';

function held(files: ServedToPhone): HeldConfig {
  return { cluster: files.config.cluster, callManagerGroup: files.config.callManagerGroup, fileId: files.config.id };
}

/**
 * What a phone holds before its first boot in the run (scenario-language "Clusters, nodes, phones"):
 * `trust: current` is what its first TFTP server with an ITL serves now (the ITL for a Security-by-Default
 * phone, the CTL in mixed mode) with that server's configuration; `none` and a snapshot name hold no trust
 * list; `lsc:` an LSC from that cluster's CAPF. A powered phone starts registered with the first available
 * node of its CallManager group, and — being in service — with its services' TVS answer cached [SSECMIG logs].
 * Every phone of a group starts the same, so this is decided once per group.
 */
export function decideProvision(facts: PhoneFacts, world: PhoneWorld): PhoneEvent {
  const tftp: NodeAddress[] = facts.tftp.map((node) => ({ cluster: facts.cluster, node }));
  const lscCapf = facts.lsc && world.capf(facts.lsc.issuer, false);
  const lsc: Lsc | null = lscCapf ? { cluster: facts.lsc!.issuer, issuerFingerprint: lscCapf.fingerprint, issuedAt: new Date(world.now).toISOString() } : null;
  const first = world.firstTftp(tftp, false);
  const files = first && world.ownFiles(first, facts);
  const current = facts.trust === 'current' && files;
  const itl = current && facts.model.securityByDefault ? files.itl.id : null;
  const ctl = current && files.ctl ? files.ctl.id : null;
  const config = files ? held(files) : null;
  const starting: PhoneState = { powered: facts.power === 'on', tftp, ...(itl ? { itl } : {}), ...(ctl ? { ctl } : {}), ...(config ? { config } : {}), ...(lsc ? { lsc } : {}) };
  let registration: Registration | null = null;
  if (starting.powered) {
    const target = facts.callManagerGroup.map((n) => world.callManager(facts.cluster, n)).find((t) => t.available);
    registration = target ? registerAs(starting, facts, world, target) : { registered: false, reason: 'no-callmanager-reachable' };
  }
  const services = registration?.registered ? servicesReached({ ...starting, registration }, facts, world) : {};
  return {
    type: 'PhoneProvisioned',
    data: {
      group: facts.group,
      model: facts.model.model,
      cluster: facts.cluster,
      tftp,
      callManagerGroup: facts.callManagerGroup,
      power: facts.power,
      trust: facts.trust,
      itl,
      ctl,
      config,
      lsc,
      registration,
      ...services,
    },
  };
}

/**
 * A snapshot step: phones whose `trust` names it take what their TFTP serves now — as phones last booted at
 * that moment and switched off since (a spare stock, a closed branch).
 */
export function takeSnapshotTrust(s: PhoneState, facts: PhoneFacts, world: PhoneWorld, snapshot: string): PhoneEvent {
  const tftp = world.firstTftp(s.tftp, true);
  const files = tftp && world.ownFiles(tftp, facts);
  const itl = files && facts.model.securityByDefault ? files.itl.id : s.itl;
  const ctl = files?.ctl ? files.ctl.id : s.ctl;
  const config = files ? held(files) : s.config;
  return { type: 'TrustTakenFromSnapshot', data: { snapshot, itl: itl ?? null, ctl: ctl ?? null, config: config ?? null } };
}

/** Switched off, a phone loses its registration at once; switched on, it boots (the caller schedules it). */
export function decidePower(s: PhoneState, on: boolean): PhoneEvent[] {
  if (!on) return [{ type: 'PhonePoweredOff', data: {} }];
  return s.powered ? [] : [{ type: 'PhonePoweredOn', data: {} }];
}

/** DHCP option 150 now points elsewhere; the phone notices at its next boot [SBULK]. */
export function decideDhcp(tftp: readonly NodeAddress[]): PhoneEvent[] {
  return [{ type: 'DhcpOption150Changed', data: { tftp } }];
}

/** A CAPF operation set on the phone's page; carried out at its next boot (§8). */
export function decideCapfSet(operation: PendingCapf): PhoneEvent[] {
  return [{ type: 'CapfOperationSet', data: operation }];
}

/**
 * Extension Mobility Cross Cluster: a user of the `home` cluster logs in on a visiting phone, which restarts
 * and takes its files from the home cluster's TFTP, trusting them through the visiting cluster's TVS — hence
 * bulk provisioning with ITLRecovery on both clusters [chapter] (§11). Logout brings it back. A login on a
 * phone already logged in, or a logout of one that is not, changes nothing.
 */
export function decideEmcc(s: PhoneState, action: 'login' | 'logout', home: string, homeTftp: readonly NodeAddress[]): PhoneEvent[] {
  if (action === 'login') return s.emccVisitingTftp ? [] : [{ type: 'EmccLoggedIn', data: { home, tftp: homeTftp } }];
  return s.emccVisitingTftp ? [{ type: 'EmccLoggedOut', data: { home } }] : [];
}
