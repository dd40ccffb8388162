import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loadValidScenario } from '../scenario-loader';
import { RunScenarioCommand } from '../commands/run-scenario.command';
import { RunResult } from '../engine/rehearsal';
import { assumptionCombinations, dependencies, Dependency, summarizeGroups, VariantSummary } from './assumption-variants';

/** `trustsim run --all-assumptions`: the scenario under every combination of assumptions. */
export class RunAllAssumptionsCommand {
  constructor(
    readonly file: string,
    readonly options: { beyondCucmLimits?: boolean } = {},
    readonly onVariant?: (summary: VariantSummary, index: number, total: number) => void,
  ) {}
}

export interface AllAssumptionsResult {
  scenario: string;
  variants: VariantSummary[];
  dependencies: Dependency[];
  /** Every expectation holds under every combination. */
  safeUnderEveryReading: boolean;
}

@CommandHandler(RunAllAssumptionsCommand)
export class RunAllAssumptionsHandler implements ICommandHandler<RunAllAssumptionsCommand, AllAssumptionsResult> {
  constructor(private readonly commands: CommandBus) {}

  async execute(command: RunAllAssumptionsCommand): Promise<AllAssumptionsResult> {
    const scenario = loadValidScenario(command.file, command.options);
    const combos = assumptionCombinations();
    const variants: VariantSummary[] = [];
    for (const [i, assumptions] of combos.entries()) {
      // Each variant is a run of its own (stored like any run), from a fresh parse of the file.
      const result: RunResult = await this.commands.execute(new RunScenarioCommand(command.file, { assumptions }, structuredClone(scenario)));
      const summary: VariantSummary = {
        assumptions,
        passed: result.passed,
        failedExpectations: result.expectations.filter((e) => !e.passed).map((e) => `${e.location} ${e.description}`),
        groups: summarizeGroups(result.outcomes),
      };
      variants.push(summary);
      command.onVariant?.(summary, i, combos.length);
    }
    return { scenario: scenario.name, variants, dependencies: dependencies(variants), safeUnderEveryReading: variants.every((v) => v.passed) };
  }
}
