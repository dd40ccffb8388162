/**
 * Small zod building blocks that keep error reports precise:
 * - `strictObject` reports every unknown key on its own line (with a suggestion), together with the other
 *   problems of the same mapping; zod's own strict objects stop at the first aborting child issue.
 * - `byShape` picks the alternative by the YAML value's shape (text, list, mapping, ...), so an error
 *   comes from the form the author evidently meant instead of a union of every form's complaints.
 * Both run an inner schema and re-raise its issues under the current path, which zod prefixes for us.
 *
 * Because they parse `unknown`, zod's own JSON Schema conversion sees nothing in them; each records the
 * input it accepts as plain zod (`withInputForm`), which json-schema.ts reads to describe the language.
 */
import { z } from 'zod';
import { didYouMean, suggest } from './did-you-mean';

/** What a wrapper accepts, as plain zod; `name` makes it one shared definition of the JSON Schema. */
export interface InputForm {
  form: () => z.ZodType;
  name?: string;
}

const inputForms = new WeakMap<object, InputForm>();

/** Records what `schema` accepts, for the JSON Schema (the form is built only when one is generated). */
export function withInputForm<T extends z.ZodType>(schema: T, form: () => z.ZodType, name?: string): T {
  inputForms.set(schema, name === undefined ? { form } : { form, name });
  return schema;
}

/** The input form recorded for `schema`, if any. */
export function inputFormOf(schema: object): InputForm | undefined {
  return inputForms.get(schema);
}

/** Marks `schema` as one shared definition of the JSON Schema, referred to by name wherever it is used. */
export function named<T extends z.ZodType>(schema: T, name: string): T {
  const known = inputForms.get(schema);
  inputForms.set(schema, { form: known?.form ?? (() => schema), name });
  return schema;
}

/** Extra data our custom issues carry to the issue mapper (zod keeps `params` on custom issues). */
export interface IssueParams {
  expected?: string;
  /** Point at the key rather than the value (unknown keys, a second action in one step). */
  at?: 'key';
}

type Ctx = { addIssue(issue: never): void };

export function raise(ctx: Ctx, path: PropertyKey[], message: string, params: IssueParams = {}): void {
  ctx.addIssue({ code: 'custom', path, message, params } as never);
}

/** Re-raise the issues of an inner parse (their paths are relative to the current value). */
function reraise(ctx: Ctx, issues: readonly z.core.$ZodIssue[]): void {
  for (const issue of issues) ctx.addIssue({ ...issue } as never);
}

export type Report = (path: PropertyKey[], message: string, params?: IssueParams) => void;

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A mapping with exactly these keys (all others are errors). `rules` see the raw mapping and run even
 * when a field is wrong, so "needs node or nodes" is reported together with a bad `purpose`.
 */
export function strictObject<S extends z.core.$ZodShape>(
  shape: S,
  rules?: (raw: Record<string, unknown>, report: Report, misspelt: ReadonlySet<string>) => void,
): z.ZodType<z.output<z.ZodObject<S>>> {
  const inner = z.object(shape);
  const allowed = Object.keys(shape);
  const wrapper = z.unknown().transform((value, ctx) => {
    let failed = false;
    const report: Report = (path, message, params) => {
      failed = true;
      raise(ctx, path, message, params);
    };
    // Keys the unknown ones probably meant: their absence is the same mistake, reported once.
    const misspelt = new Set<string>();
    if (isMapping(value)) {
      for (const key of Object.keys(value)) {
        if (allowed.includes(key)) continue;
        const meant = suggest(key, allowed);
        if (meant !== undefined && value[meant] === undefined) misspelt.add(meant);
        report([key], `unknown key '${key}'${didYouMean(key, allowed)}`, { expected: `one of ${allowed.join(', ')}`, at: 'key' });
      }
      rules?.(value, report, misspelt);
    }
    const result = inner.safeParse(value, { reportInput: true });
    if (!result.success) {
      reraise(
        ctx,
        result.error.issues.filter((issue) => !(issue.path.length === 1 && misspelt.has(String(issue.path[0])))),
      );
      return z.NEVER;
    }
    return failed ? z.NEVER : result.data;
  });
  return withInputForm(wrapper, () => z.strictObject(shape)) as unknown as z.ZodType<z.output<z.ZodObject<S>>>;
}

export type YamlShape = 'text' | 'number' | 'boolean' | 'list' | 'mapping' | 'nothing';

export function shapeOf(value: unknown): YamlShape {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  return 'mapping';
}

/** How a value reads in an error message. */
export function describeValue(value: unknown): string {
  switch (shapeOf(value)) {
    case 'nothing':
      return 'nothing';
    case 'text':
      return `'${String(value)}'`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'list':
      return 'a list';
    case 'mapping':
      return 'a mapping';
  }
}

type Alternatives = Partial<Record<YamlShape, z.ZodType>>;

/** Chooses the schema by the value's YAML shape; `expected` describes all accepted forms. */
export function byShape<A extends Alternatives>(alternatives: A, expected: string): z.ZodType<z.output<NonNullable<A[keyof A]>>> {
  const wrapper = z.unknown().transform((value, ctx) => {
    const schema = alternatives[shapeOf(value)];
    if (!schema) {
      raise(ctx, [], `found ${describeValue(value)}`, { expected });
      return z.NEVER;
    }
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) {
      reraise(ctx, result.error.issues);
      return z.NEVER;
    }
    return result.data;
  });
  const forms = Object.values(alternatives).filter((a): a is z.ZodType => a !== undefined);
  return withInputForm(wrapper, () => (forms.length === 1 ? forms[0] : z.union(forms))) as unknown as z.ZodType<z.output<NonNullable<A[keyof A]>>>;
}

/**
 * One of a fixed list of names, matched ignoring case and spacing, and returned in its canonical
 * spelling (Cisco spells service and store names inconsistently; the simulator should see one form).
 */
export function canonical<const T extends string>(values: readonly T[], what: string): z.ZodType<T> {
  const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const schema = z.string().transform((text, ctx) => {
    const match = values.find((v) => key(v) === key(text));
    if (match !== undefined) return match;
    raise(ctx, [], `unknown ${what} '${text}'${didYouMean(text, values)}`, { expected: `one of ${values.join(', ')}` });
    return z.NEVER;
  });
  // Editors complete the canonical spellings; the pattern accepts every spelling trustsim accepts.
  return withInputForm(schema, () => z.union([z.enum(values as unknown as [T, ...T[]]), z.string().regex(anyCaseAndSpacing(values))])) as unknown as z.ZodType<T>;
}

/** A pattern matching any of `values` in any case and spacing (JSON Schema patterns have no `i` flag). */
export function anyCaseAndSpacing(values: readonly string[]): RegExp {
  const one = (value: string) =>
    value
      .trim()
      .split(/\s+/)
      .map((word) => [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join(''))
      .join('\\s+');
  return new RegExp(`^\\s*(?:${values.map(one).join('|')})\\s*$`);
}

/** Text matching `pattern`; `what` completes "'x' is not …". */
export function matching(pattern: RegExp, what: string, expected: string): z.ZodType<string, string> {
  const schema = z.string().superRefine((text, ctx) => {
    if (!pattern.test(text)) raise(ctx, [], `'${text}' is not ${what}`, { expected });
  });
  return withInputForm(schema, () => z.string().regex(pattern).describe(expected));
}

/**
 * Exactly one of `keys` present in a raw mapping (or at most one when `optional`). Absence is not
 * reported when a misspelt key already stands for one of them.
 */
export function exactlyOne(
  raw: Record<string, unknown>,
  keys: readonly string[],
  report: Report,
  options: { optional?: boolean; misspelt?: ReadonlySet<string> } = {},
): void {
  const present = keys.filter((key) => raw[key] !== undefined);
  const list = keys.map((k) => `'${k}'`).join(' or ');
  const explained = keys.some((key) => options.misspelt?.has(key));
  if (present.length === 0 && !options.optional && !explained) report([], `needs ${list}`, { expected: `one of ${keys.join(', ')}` });
  for (const extra of present.slice(1)) {
    report([extra], `'${present[0]}' and '${extra}' cannot be combined`, { expected: `only one of ${keys.join(', ')}`, at: 'key' });
  }
}
