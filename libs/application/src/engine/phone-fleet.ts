import {
  decideBoot,
  decideCapfSet,
  decideDhcp,
  decideEmcc,
  decidePower,
  decideProvision,
  NO_PHONE,
  NodeAddress,
  PendingCapf,
  PhoneEvent,
  PhoneFacts,
  PhoneOutcome,
  PhoneOutcomeFacts,
  phoneOutcome,
  PhoneState,
  PhoneStatus,
  takeSnapshotTrust,
  toTftp,
  type Dispatch,
  evolvePhone,
  fold,
} from '@trustsim/domain';
import type { PhoneSelector } from '@trustsim/scenarios';
import type { Engine } from './engine';
import { selectPhones, type PhoneKey } from './phone-selection';
import type { WorldView } from './world-view';

/** One phone of the run: its name, its group's facts (shared by the group), what selectors match on, its stream. */
export interface PhoneEntry {
  readonly name: string;
  readonly facts: PhoneFacts;
  readonly key: PhoneKey;
  readonly stream: string;
}

interface Memoized {
  readonly events: readonly PhoneEvent[];
  /** The phone's state after the events: their fold, computed once for every phone in the same situation. */
  readonly next: PhoneState;
}

export const STATUSES: PhoneStatus[] = ['trusted', 'degraded', 'locked', 'unregistered', 'off'];

/** One character per phone status: a 40,000-phone state is a 40,000-character string (run frames). */
export const STATUS_CODES: Readonly<Record<PhoneStatus, string>> = Object.freeze({ trusted: 't', degraded: 'd', locked: 'l', unregistered: 'u', off: 'o' });

/**
 * The phones of a run: their boots (the hot loop of a 40,000-phone rehearsal), what an administrator
 * changes on them, and their outcomes. Phones in the same situation — same group, same state object,
 * same cause, same instant and cluster state — get the same decision, so each distinct situation is
 * decided once (decide-boot.ts) and its events and resulting state are shared; states are immutable, so
 * sharing one is safe.
 */
export class PhoneFleet {
  private readonly byName = new Map<string, number>();
  /** Phone boots so far, and distinct boot decisions made (figures of the run). */
  boots = 0;
  decisions = 0;
  private memoView?: WorldView;
  private boot$ = new Map<PhoneFacts, Map<PhoneState, Map<string, Memoized>>>();
  private outcome$ = new Map<PhoneFacts, Map<PhoneState, PhoneOutcomeFacts>>();

  constructor(
    private readonly engine: Engine,
    readonly phones: readonly PhoneEntry[],
  ) {
    phones.forEach((p, i) => this.byName.set(p.name, i));
  }

  index(name: string): number | undefined {
    return this.byName.get(name);
  }

  state(index: number): PhoneState {
    return this.engine.states.phones[index] ?? NO_PHONE;
  }

  select(selector: PhoneSelector): number[] {
    return selectPhones(this.phones.map((p, i) => ({ ...p.key, i })), selector).map((k) => k.i);
  }

  /** Records a phone's events and folds them (or takes their fold, computed once for its situation). */
  private commit(index: number, events: readonly PhoneEvent[], next?: PhoneState): void {
    if (!events.length) return;
    const metadata = this.engine.metadata(this.engine.now);
    const stream = this.phones[index].stream;
    for (const e of events) this.engine.log.record(stream, e.type, e.data, metadata, true);
    this.engine.states.setPhone(index, next ?? fold(evolvePhone, this.state(index), events, { at: this.engine.now }));
  }

  /** Caches hold for one view of the clusters: one state of them, one instant. */
  private view(): WorldView {
    const view = this.engine.view();
    if (view !== this.memoView) {
      this.memoView = view;
      this.boot$ = new Map();
      this.outcome$ = new Map();
    }
    return view;
  }

  /** Every phone's starting state (decide-phone.ts), decided once per group. */
  provision(): void {
    const view = this.view();
    const decided = new Map<PhoneFacts, Memoized>();
    this.phones.forEach((p, i) => {
      let m = decided.get(p.facts);
      if (!m) {
        const event = decideProvision(p.facts, view.phones);
        m = { events: [event], next: fold(evolvePhone, NO_PHONE, [event], { at: this.engine.now }) };
        decided.set(p.facts, m);
      }
      this.commit(i, m.events, m.next);
    });
  }

  /** A batch's time has come: the phones of it that are powered reboot. */
  resetBatch(indexes: readonly number[], cause: string): void {
    const booting = indexes.filter((i) => this.state(i).powered);
    this.buildConfigs(booting);
    for (const i of booting) this.bootOne(i, cause);
  }

  boot(index: number, cause: string): void {
    this.buildConfigs([index]);
    this.bootOne(index, cause);
  }

  /**
   * TFTP builds a phone's configuration file when the phone asks for it (decide-tftp.ts): before a batch
   * boots, each file its phones will be offered is built once.
   */
  private buildConfigs(indexes: readonly number[]): void {
    const view = this.view();
    const asked = new Map<string, Dispatch>();
    const seen = new Map<PhoneFacts, Set<PhoneState>>();
    for (const i of indexes) {
      const p = this.phones[i];
      const state = this.state(i);
      let states = seen.get(p.facts);
      if (!states) seen.set(p.facts, (states = new Set()));
      if (states.has(state)) continue; // the same group in the same state is offered the same files
      states.add(state);
      const served = view.phones.served(state, p.facts);
      if (!served) continue;
      const key = `${served.tftp.cluster}/${served.tftp.node}/${served.config.id}`;
      if (!asked.has(key)) asked.set(key, toTftp(served.tftp.cluster, served.tftp.node, { kind: 'build-config', configFor: served.config.cluster, group: p.facts.group, content: served.config.content }));
    }
    this.engine.execute([...asked.values()]);
  }

  private bootOne(index: number, cause: string): void {
    this.boots++;
    const view = this.view();
    const p = this.phones[index];
    const state = this.state(index);
    let byState = this.boot$.get(p.facts);
    if (!byState) this.boot$.set(p.facts, (byState = new Map()));
    let byCause = byState.get(state);
    if (!byCause) byState.set(state, (byCause = new Map()));
    let m = byCause.get(cause);
    if (!m) {
      this.decisions++;
      const events = decideBoot(state, p.facts, view.phones, cause);
      m = { events, next: fold(evolvePhone, state, events, { at: view.now }) };
      byCause.set(cause, m);
    }
    this.commit(index, m.events, m.next);
  }

  /** Phones switched off lose their registration at once; switched on, they boot (now, on the clock). */
  power(indexes: readonly number[], on: boolean, schedulePowerOn: (index: number) => void): void {
    for (const i of indexes) {
      const events = decidePower(this.state(i), on);
      this.commit(i, events);
      if (on && events.length) schedulePowerOn(i);
    }
  }

  dhcp(indexes: readonly number[], tftp: readonly NodeAddress[]): void {
    const events = decideDhcp(tftp);
    for (const i of indexes) this.commit(i, events);
  }

  capf(indexes: readonly number[], operation: PendingCapf): void {
    const events = decideCapfSet(operation);
    for (const i of indexes) this.commit(i, events);
  }

  /** EMCC login or logout; a phone that changes files restarts (the caller schedules it). */
  emcc(indexes: readonly number[], action: 'login' | 'logout', home: string, homeTftp: readonly NodeAddress[], restart: (index: number) => void): void {
    for (const i of indexes) {
      const events = decideEmcc(this.state(i), action, home, homeTftp);
      this.commit(i, events);
      if (events.length && this.state(i).powered) restart(i);
    }
  }

  /** A snapshot step: the phones whose `trust` names it take what their TFTP serves now. */
  snapshot(name: string): void {
    const view = this.view();
    this.phones.forEach((p, i) => {
      const trust = p.facts.trust;
      if (typeof trust === 'object' && trust.snapshot === name) this.commit(i, [takeSnapshotTrust(this.state(i), p.facts, view.phones, name)]);
    });
  }

  /** A phone's outcome now (phone-outcome.ts), shared by phones in the same situation. */
  outcomeFacts(index: number): PhoneOutcomeFacts {
    const view = this.view();
    const p = this.phones[index];
    const state = this.state(index);
    let byState = this.outcome$.get(p.facts);
    if (!byState) this.outcome$.set(p.facts, (byState = new Map()));
    let o = byState.get(state);
    if (!o) byState.set(state, (o = phoneOutcome(state, p.facts, view.phones)));
    return o;
  }

  outcomes(): PhoneOutcome[] {
    return this.phones.map((p, i) => ({ name: p.name, ...this.outcomeFacts(i) }));
  }

  statusCounts(): Record<PhoneStatus, number> {
    return this.statuses().counts;
  }

  /** Every phone's status now, as counts and as one character per phone in the fleet's order (STATUS_CODES). */
  statuses(): { counts: Record<PhoneStatus, number>; codes: string } {
    const counts = { trusted: 0, degraded: 0, locked: 0, unregistered: 0, off: 0 };
    const codes = new Array<string>(this.phones.length);
    for (let i = 0; i < this.phones.length; i++) {
      const status = this.outcomeFacts(i).status;
      counts[status]++;
      codes[i] = STATUS_CODES[status];
    }
    return { counts, codes: codes.join('') };
  }
}

export function countStatuses(outcomes: Iterable<{ status: PhoneStatus }>): Record<PhoneStatus, number> {
  const counts = { trusted: 0, degraded: 0, locked: 0, unregistered: 0, off: 0 };
  for (const o of outcomes) counts[o.status]++;
  return counts;
}
