import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { EventStore, openEventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { RunScenarioHandler } from './commands/run-scenario.handler';
import { ValidateScenarioHandler } from './commands/validate-scenario.command';
import { RehearsalFactory } from './engine/rehearsal-factory';
import { RunReader } from './projections/run-reader';
import { QUERY_HANDLERS } from './queries/run-queries';
import { RUN_STATE_HANDLERS } from './queries/run-state.query';
import { StartTrainingHandler } from './training/start-training.command';
import { RunAllAssumptionsHandler } from './what-if/run-all-assumptions.command';
import { VariantWorkers } from './what-if/variant-workers';
import { EVENT_STORE, KEY_POOL, TRUSTSIM_OPTIONS, TrustsimOptions } from './tokens';

/** What a user asks the application to do (CommandBus). */
const COMMAND_HANDLERS = [RunScenarioHandler, ValidateScenarioHandler, RunAllAssumptionsHandler, StartTrainingHandler];

/** Closes the event store when the application context closes (or jest and the CLI would hang). */
class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The composition root: NestJS wires the event store, the key pool, the command handlers (what a user
 * asks: run, fork, validate, train), the query handlers (every read, from the stored log) and the EventBus
 * (progress). The decisions live in the framework-free libraries.
 */
@Module({})
export class TrustsimModule {
  static forRoot(options: TrustsimOptions): DynamicModule {
    return {
      module: TrustsimModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: TRUSTSIM_OPTIONS, useValue: options },
        {
          provide: EVENT_STORE,
          useFactory: async () => {
            const store = await openEventStore(options.store, options.cwd);
            return options.decorateStore ? options.decorateStore(store) : store;
          },
        },
        {
          provide: KEY_POOL,
          // Keys are derived from the scenario's seed, so the pool is made per seed.
          useValue: (seed: number) => new KeyPool({ seed, cacheDir: join(options.cwd, '.trustsim', 'keys') }),
        },
        StoreLifecycle,
        RehearsalFactory,
        RunReader,
        VariantWorkers,
        ...COMMAND_HANDLERS,
        ...QUERY_HANDLERS,
        ...RUN_STATE_HANDLERS,
      ],
      exports: [EVENT_STORE],
    };
  }
}
