import { BadRequestException, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { LIMITS } from './studio-options';

/*
 * Request bodies, checked with zod (the schemas are also what /api/docs shows: see `openApiSchema`).
 * A body that does not fit is a 400 naming each field; sizes past the limits are a 413 (upload-limits.ts).
 */

const certificateFile = z
  .object({
    /** The name a scenario's `uploadCertificate: {certificate: <name>}` refers to. */
    name: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/, 'a plain file name (letters, digits, _ . -), no folders'),
    pem: z.string().optional(),
    der_base64: z.string().optional(),
  })
  .strict()
  .refine((c) => (c.pem === undefined) !== (c.der_base64 === undefined), { message: 'give the certificate as pem or as der_base64, one of them' });

export const runRequestSchema = z
  .object({
    path: z.string().min(1).max(1000).optional().describe('a scenario of the library, as GET /api/scenarios lists it'),
    yaml: z.string().optional().describe('a scenario file sent whole (at most 1 MiB)'),
    name: z.string().max(200).optional().describe('the file name errors are located in, for a yaml body (default scenario.yaml)'),
    certificates: z.array(certificateFile).max(LIMITS.certificates).optional().describe('certificate files the yaml body uploads by name (at most 64 KiB each)'),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    assumptions: z.record(z.string(), z.union([z.string(), z.boolean()])).optional().describe('name → value, as `--assume`'),
    fork: z.object({ run: z.string().min(1).max(64), step: z.number().int().min(0) }).strict().optional().describe('start from a stored run after this step (1-based; 0 = installed); the scenario must share its set-up and steps up to there'),
    wait: z.boolean().optional().describe('answer when the run has ended (201 with its summary) instead of when it has started (202)'),
    beyond_cucm_limits: z.boolean().optional(),
  })
  .strict()
  .refine((r) => (r.path === undefined) !== (r.yaml === undefined), { message: 'give either path (a library scenario) or yaml (a scenario file), one of them' })
  .refine((r) => !r.certificates || r.yaml !== undefined, { message: 'certificates go with a yaml body (a library scenario uses the library\'s files)', path: ['certificates'] });

export type RunRequest = z.infer<typeof runRequestSchema>;

export const validateRequestSchema = z
  .object({
    yaml: z.string().describe('the scenario file (at most 1 MiB)'),
    name: z.string().max(200).optional().describe('the file name errors are located in (default scenario.yaml)'),
    beyond_cucm_limits: z.boolean().optional(),
  })
  .strict();

export type ValidateRequest = z.infer<typeof validateRequestSchema>;

export const trainingRequestSchema = z.object({ path: z.string().min(1).max(1000).describe('a scenario of the library: its clusters and phones, not its steps') }).strict();

export const trainingCommandSchema = z.object({ line: z.string().max(500).describe('what the trainee typed: `utils itl reset localkey`, `reset phones`, `wait 10m`, …') }).strict();

/** The JSON Schema of a body for the OpenAPI document. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** One problem of a request, located by the field it is in. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Checks a body against its schema: 400 listing every field that does not fit. */
export class ZodBody<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const issues: FieldIssue[] = parsed.error.issues.map((i) => ({ field: i.path.length ? i.path.map(String).join('.') : '(body)', message: i.message }));
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues });
  }
}

/** `?at=<step>`: 1-based, 0 = installed; absent = as the run ended. */
export function parseAt(text: unknown): number | undefined {
  if (text === undefined || text === '' || text === 'end') return undefined;
  const n = Number(text);
  if (typeof text !== 'string' || !/^\d{1,6}$/.test(text) || !Number.isInteger(n)) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `at=${String(text)}: expected a step number (1-based; 0 = installed) or end`, issues: [{ field: 'at', message: 'expected a step number (1-based; 0 = installed) or end' }] });
  }
  return n;
}
