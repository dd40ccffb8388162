import { EventBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Scenario } from '@trustsim/scenarios';
import { loadValidScenario } from '../scenario-loader';
import { RehearsalFactory } from '../engine/rehearsal-factory';
import { combinationCount, consultedByAny, dependencies, Dependency, exploreAssumptions, Variant, VariantSummary } from './assumption-variants';
import { runVariant } from './variant-run';
import { VariantWorkers } from './variant-workers';

/** `trustsim run --all-assumptions`: the scenario under every combination of assumptions. */
export class RunAllAssumptionsCommand {
  constructor(
    readonly file: string,
    readonly options: {
      beyondCucmLimits?: boolean;
      /** Runs at a time: this thread, and worker threads while it is busy (default: defaultVariantConcurrency; 1: all on this thread). */
      concurrency?: number;
      /**
       * Store every reading's run, not only the first (the defaults'). Off by default: the others are made
       * for their outcome only, and any of them is stored by running the scenario with its `--assume` values.
       */
      storeEveryReading?: boolean;
    } = {},
    /** Told after each run, in the order of the runs; `known` is the runs made so far plus those still queued. */
    readonly onVariant?: (variant: Variant, index: number, known: number) => void,
    /** A scenario parsed by the caller (the benchmark scales one); `file` is then only its name. */
    readonly scenario?: Scenario,
  ) {}
}

export interface AllAssumptionsResult {
  scenario: string;
  /** Every combination of every assumption's values. */
  combinations: number;
  /** The runs made: each stands for the combinations that agree with it on what it consulted. */
  variants: VariantSummary[];
  /** The assumptions some run consulted, in the catalogue's order: only these can change this scenario's outcome. */
  consulted: string[];
  dependencies: Dependency[];
  /** Every expectation holds under every combination. */
  safeUnderEveryReading: boolean;
  /** Every reading's run was stored (`--store-every-reading`); otherwise only the first, the defaults'. */
  storedEveryReading: boolean;
}

@CommandHandler(RunAllAssumptionsCommand)
export class RunAllAssumptionsHandler implements ICommandHandler<RunAllAssumptionsCommand, AllAssumptionsResult> {
  constructor(
    private readonly rehearsals: RehearsalFactory,
    private readonly events: EventBus,
    private readonly workers: VariantWorkers,
  ) {}

  async execute(command: RunAllAssumptionsCommand): Promise<AllAssumptionsResult> {
    const scenario = command.scenario ?? loadValidScenario(command.file, command.options);
    const stored = command.options.storeEveryReading ?? false;
    // Stored runs go to the application's store, which other threads can write only when it is shared (not
    // `memory:`); readings that are not stored can go to any thread.
    const threads = !stored || this.workers.sharedStore;
    const concurrency = threads ? Math.max(1, command.options.concurrency ?? this.workers.defaultConcurrency(stored)) : 1;
    const here = { rehearsals: this.rehearsals, events: this.events };
    // This thread is one of the `concurrency` slots: a reading goes to a worker thread only while this one
    // is busy. A reading here needs no thread to start and runs on code the defaults' run has warmed up; with
    // two slots, one worker thread takes the readings that are ready while this one runs another.
    let hereBusy = false;
    let first = true;
    const variants = await exploreAssumptions(
      (assumptions, progress) => {
        if (concurrency > 1 && hereBusy) return this.workers.run(scenario, assumptions, progress, stored);
        hereBusy = true;
        // The defaults run first and alone (nothing is queued before they end), here, and are always
        // stored: the run `trustsim show` opens. Once they have consulted an assumption, another run is sure
        // to follow (every assumption has another value): a thread starts loading then, overlapping the
        // defaults' run, for when two readings are ready at once. A scenario that consults nothing never
        // starts a thread.
        const storeIt = first || stored;
        const told = first
          ? (consulted: readonly string[]) => {
              // Only a head start: a thread that cannot start now fails the run that needs it, with its error.
              if (consulted.length && concurrency > 1) {
                try {
                  this.workers.prepare(stored);
                } catch {
                  /* VariantWorkers.run starts one then */
                }
              }
              progress(consulted);
            }
          : progress;
        first = false;
        return runVariant(here, scenario, assumptions, told, storeIt).finally(() => (hereBusy = false));
      },
      command.onVariant,
      { concurrency },
    );
    return {
      scenario: scenario.name,
      combinations: combinationCount(),
      variants,
      consulted: consultedByAny(variants),
      dependencies: dependencies(variants),
      safeUnderEveryReading: variants.every((v) => v.passed),
      storedEveryReading: stored,
    };
  }
}
