import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loadValidScenario } from '../scenario-loader';
import { RunScenarioCommand } from '../commands/run-scenario.command';
import { RunResult } from '../engine/rehearsal';
import { combinationCount, consultedByAny, dependencies, Dependency, exploreAssumptions, summarizeGroups, Variant, VariantSummary } from './assumption-variants';

/** `trustsim run --all-assumptions`: the scenario under every combination of assumptions. */
export class RunAllAssumptionsCommand {
  constructor(
    readonly file: string,
    readonly options: { beyondCucmLimits?: boolean } = {},
    /** Told after each run; `known` is the runs made so far plus those still queued. */
    readonly onVariant?: (variant: Variant, index: number, known: number) => void,
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
}

@CommandHandler(RunAllAssumptionsCommand)
export class RunAllAssumptionsHandler implements ICommandHandler<RunAllAssumptionsCommand, AllAssumptionsResult> {
  constructor(private readonly commands: CommandBus) {}

  async execute(command: RunAllAssumptionsCommand): Promise<AllAssumptionsResult> {
    const scenario = loadValidScenario(command.file, command.options);
    const variants = await exploreAssumptions(async (assumptions) => {
      // Each run is a run of its own (stored like any run), from a fresh copy of the file's scenario.
      const result: RunResult = await this.commands.execute(new RunScenarioCommand(command.file, { assumptions }, structuredClone(scenario)));
      return {
        assumptions,
        consulted: result.consulted ?? Object.keys(assumptions),
        passed: result.passed,
        failedExpectations: result.expectations.filter((e) => !e.passed).map((e) => `${e.location} ${e.description}`),
        groups: summarizeGroups(result.outcomes),
      };
    }, command.onVariant);
    return {
      scenario: scenario.name,
      combinations: combinationCount(),
      variants,
      consulted: consultedByAny(variants),
      dependencies: dependencies(variants),
      safeUnderEveryReading: variants.every((v) => v.passed),
    };
  }
}
