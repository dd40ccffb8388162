import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TrustsimModule } from '@trustsim/application';
import { StudioErrors } from './http-errors';
import { ScenarioLibrary } from './library';
import { RunJobs } from './run-jobs';
import { RunsController } from './runs.controller';
import { ScenarioSources } from './scenario-sources';
import { ScenariosController } from './scenarios.controller';
import { STUDIO_OPTIONS, type StudioOptions } from './studio-options';
import { TrainingController } from './training.controller';
import { TrainingSessions } from './training-sessions';
import { UiController } from './ui.controller';

/**
 * trustsim studio: the HTTP edge of the application. Its controllers turn requests into the same
 * commands and queries the CLI sends (TrustsimModule's buses); it decides nothing itself.
 */
@Module({})
export class StudioModule {
  static forRoot(options: StudioOptions): DynamicModule {
    return {
      module: StudioModule,
      imports: [TrustsimModule.forRoot({ store: options.store, cwd: options.cwd })],
      controllers: [ScenariosController, RunsController, TrainingController, UiController],
      providers: [{ provide: STUDIO_OPTIONS, useValue: options }, { provide: APP_FILTER, useClass: StudioErrors }, ScenarioLibrary, ScenarioSources, RunJobs, TrainingSessions],
    };
  }
}
