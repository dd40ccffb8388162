import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { UnhandledExceptionBus } from '@nestjs/cqrs';
import { Subscription } from 'rxjs';
import { Simulation } from './simulation';

/**
 * The runs in progress, by run id, so saga-triggered command handlers reach the simulation their
 * command belongs to. A command that fails inside a saga lands on the UnhandledExceptionBus; it is
 * handed to its run, which fails the step instead of carrying on with half a reaction.
 */
@Injectable()
export class SimulationRegistry implements OnModuleDestroy {
  private readonly runs = new Map<string, Simulation>();
  private readonly subscription: Subscription;

  constructor(unhandled: UnhandledExceptionBus) {
    this.subscription = unhandled.subscribe(({ cause, exception }) => {
      const runId = (cause as { runId?: string }).runId;
      if (runId) this.runs.get(runId)?.fail(exception);
    });
  }

  add(simulation: Simulation): void {
    this.runs.set(simulation.runId, simulation);
  }

  remove(simulation: Simulation): void {
    this.runs.delete(simulation.runId);
  }

  get(runId: string): Simulation {
    const simulation = this.runs.get(runId);
    if (!simulation) throw new Error(`no run ${runId} in progress`);
    return simulation;
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
