import { DynamicModule, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { EventStore, openEventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { RunScenarioHandler } from './commands/run-scenario.handler';
import { ValidateScenarioHandler } from './commands/validate-scenario.command';
import { RebuildItlHandler } from './commands/rebuild-itl.command';
import { ScheduleAutomaticResetsHandler } from './commands/schedule-automatic-resets.command';
import { ExportTrustFilesHandler } from './commands/export-trust-files.command';
import { ListCertificatesHandler } from './commands/list-certificates.command';
import { PhoneCertificatesHandler } from './commands/phone-certificates.command';
import { ExplainPhoneHandler } from './explain/explain-phone.command';
import { RunAllAssumptionsHandler } from './what-if/run-all-assumptions.command';
import { DiffRunsHandler, ListRunsHandler, ShowRunHandler } from './runs/run-queries';
import { StartTrainingHandler } from './training/start-training.command';
import { CertificateChangeSagas } from './sagas/certificate-change.sagas';
import { SimulationRegistry } from './simulation/simulation-registry';
import { SimulationFactory } from './simulation/simulation-factory';
import { EVENT_STORE, KEY_POOL, TRUSTSIM_OPTIONS, TrustsimOptions } from './tokens';

const HANDLERS = [RunScenarioHandler, ValidateScenarioHandler, RebuildItlHandler, ScheduleAutomaticResetsHandler, ExportTrustFilesHandler, ListCertificatesHandler, PhoneCertificatesHandler, ExplainPhoneHandler, RunAllAssumptionsHandler, ListRunsHandler, ShowRunHandler, DiffRunsHandler, StartTrainingHandler];

/** Closes the event store when the application context closes (or jest and the CLI would hang). */
class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The composition root: NestJS wires the event store, the key pool and the command handlers; the
 * decisions live in the framework-free libraries.
 */
@Module({})
export class TrustsimModule {
  static forRoot(options: TrustsimOptions): DynamicModule {
    return {
      module: TrustsimModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: TRUSTSIM_OPTIONS, useValue: options },
        { provide: EVENT_STORE, useFactory: () => openEventStore(options.store, options.cwd) },
        {
          provide: KEY_POOL,
          // Keys are derived from the scenario's seed, so the pool is made per seed.
          useValue: (seed: number) => new KeyPool({ seed, cacheDir: join(options.cwd, '.trustsim', 'keys') }),
        },
        StoreLifecycle,
        SimulationRegistry,
        SimulationFactory,
        CertificateChangeSagas,
        ...HANDLERS,
      ],
      exports: [EVENT_STORE],
    };
  }
}
