/** Steps and expectations from their drafts: index, one-line text, and the file location of each. */
import type { Expectation, SourceLocation, Step } from './model';
import { compact, type ExpectationDraft, type StepDraft } from './schema';
import { stepText } from './step-text';
import type { Path, YamlSource } from './yaml-source';

type Source = Pick<YamlSource, 'locate'>;

export function buildSteps(drafts: readonly StepDraft[], source: Source): Step[] {
  return drafts.map((draft, index): Step => {
    const path: Path = ['steps', index];
    const body =
      draft.body.kind === 'expect'
        ? { ...draft.body, expectations: buildExpectations(draft.body.expectations as ExpectationDraft[], [...path, 'expect'], source) }
        : draft.body;
    return compact({ ...body, index, at: draft.at, loc: locOf(source, path), text: stepText(body, draft.at) }) as Step;
  });
}

export function buildExpectations(drafts: readonly ExpectationDraft[], base: Path, source: Source): Expectation[] {
  return drafts.map((draft, k) => ({ ...draft, loc: locOf(source, [...base, k]) }) as Expectation);
}

function locOf(source: Source, path: Path): SourceLocation {
  const { file, line, column } = source.locate(path);
  return { file, line, column };
}
