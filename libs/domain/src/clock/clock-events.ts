import type { DomainEvent } from '../core/event';

/**
 * Background work a step starts and the simulated clock runs later. Work is data, so what is still
 * pending after a step is part of the run's state (a fork picks it up from the log).
 */
export type Work =
  /** One batch of a reset: the phones (runs of `[first, count]` positions in the scenario's phone order) that are powered reboot. */
  | { readonly kind: 'phone-resets'; readonly phones: readonly (readonly [number, number])[]; readonly cause: string }
  /** The start of an automatic reset wave over the phones a cluster serves (Phone Interaction on Certificate Update). */
  | { readonly kind: 'automatic-resets'; readonly cluster: string; readonly cause: string; readonly batchSize?: number; readonly intervalMs?: number }
  /** A phone that regained power boots. */
  | { readonly kind: 'phone-power-on'; readonly phone: number }
  /** The Certificate Change Notification service copies an uploaded trust certificate to the other nodes [SCN]. */
  | { readonly kind: 'trust-replication'; readonly cluster: string; readonly node: string; readonly store: string; readonly certificate: string }
  /** A run of a cluster's Cisco Certificate Expiry Monitor: periodic, so settling the clock does not wait for it. */
  | { readonly kind: 'expiry-monitor'; readonly cluster: string };

/** Events of the run's clock (stream `clock-<run>`). Times are ms since the run's start. */
export type ClockEvent =
  | DomainEvent<'WorkScheduled', { seq: number; at: number; work: Work }>
  | DomainEvent<'WorkStarted', { seq: number; kind: Work['kind'] }>
  /** Periodic work that was restarted before its time came: the run it had scheduled will not happen. */
  | DomainEvent<'WorkCancelled', { seq: number; kind: Work['kind']; reason: string }>
  | DomainEvent<'ClockAdvanced', { to: number }>;
