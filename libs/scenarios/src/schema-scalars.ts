/**
 * Scalar values of the scenario language — names, releases, phone names, durations, times, power
 * states — each checked and normalised to its model form, with an error message in the file's terms.
 */
import { z } from 'zod';
import { DURATION_EXPECTED, parseDuration } from './durations';
import { byShape, matching, raise, withInputForm } from './schema-helpers';
import { readRelease, RELEASE_EXPECTED } from './releases';
import { KEY_LENGTHS, PHONE_NAME } from './vocabulary';

export const NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;
export const NAME_EXPECTED = "a letter, then letters, digits, '.', '_' or '-'";
export const clusterName = matching(NAME, 'a valid cluster name', NAME_EXPECTED);
export const nodeName = matching(NAME, 'a valid node name', NAME_EXPECTED);
export const groupName = matching(NAME, 'a valid group name', NAME_EXPECTED);
/** Free-text names (snapshots, backups, parameters): anything but empty. */
export const label = z.string().trim().min(1);

/** Text, or a number YAML read as one (`version: 15`, `serial: 1234`). */
export const textOrNumber = byShape({ text: label, number: z.number().transform(String) }, 'text');

/** A release the simulator runs: the grammar and 8.0–15 range of `run` (releases.ts), located here rather than at run time. */
export const version = withInputForm(
  textOrNumber.pipe(
    z.string().transform((text, ctx) => {
      const read = readRelease(text);
      if ('problem' in read) {
        raise(ctx, [], read.problem, { expected: RELEASE_EXPECTED });
        return z.NEVER;
      }
      return text;
    }),
  ),
  () => z.union([z.string().regex(/^\s*\d+(?:\.\d+)?(?:\(\d+\))?(?:\s*[Ss][Uu]\d+[a-z]?)?\s*$/), z.number()]).describe(RELEASE_EXPECTED),
);

export const phoneName = withInputForm(
  matching(PHONE_NAME, 'a phone name', 'SEP followed by 12 hex digits, e.g. SEP001122334455').transform((name) => name.toUpperCase()),
  // PHONE_NAME ignores case; a JSON Schema pattern cannot say so with a flag.
  () => z.string().regex(/^[Ss][Ee][Pp][0-9A-Fa-f]{12}$/),
);

export const duration = withInputForm(byShape(
  {
    text: z.string().transform((text, ctx) => {
      try {
        return parseDuration(text);
      } catch {
        raise(ctx, [], `'${text}' is not a duration`, { expected: DURATION_EXPECTED });
        return z.NEVER;
      }
    }),
  },
  DURATION_EXPECTED,
), () => z.string().regex(/^(?:\d+(?:ms|s|m|h|d))+$/).describe(DURATION_EXPECTED));

// A zone is required: a local time would make the simulated clock differ between machines.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const ISO_EXPECTED = 'an ISO date-time with a zone, e.g. 2026-01-05T08:00:00Z';
export const isoTime = withInputForm(
  z.string().transform((text, ctx) => {
    const ms = Date.parse(text);
    if (!ISO_TIME.test(text) || Number.isNaN(ms)) {
      raise(ctx, [], `'${text}' is not a date-time`, { expected: ISO_EXPECTED });
      return z.NEVER;
    }
    return canonicalTime(ms);
  }),
  () => z.string().regex(ISO_TIME).describe(ISO_EXPECTED),
);

/** UTC, whole seconds without a fraction: `2026-01-05T08:00:00Z`. */
export function canonicalTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export const wholeNumber = (min: number) => z.number().int().min(min);

/** A certificate serial as hex (what `show cert` and the Certificate List print), with or without colons. */
export const hexSerial = withInputForm(textOrNumber.pipe(
  z.string().transform((text, ctx) => {
    const hex = text.replace(/:/g, '').toLowerCase();
    if (!/^[0-9a-f]{1,64}$/.test(hex)) {
      raise(ctx, [], `'${text}' is not a serial number`, { expected: 'hex digits, e.g. 5241ac1477fd4e8a (colons allowed)' });
      return z.NEVER;
    }
    // Without leading zeros, as the simulator prints serials ('0' for zero).
    return hex.replace(/^0+(?=.)/, '');
  }),
), () => z.union([z.string().regex(/^(?:[0-9A-Fa-f]:?){1,64}$/), z.number().int().min(0)]).describe('hex digits, e.g. 5241ac1477fd4e8a (colons allowed)'));

/** SHA-256 of a certificate's DER, 64 hex digits (colons allowed). */
export const fingerprint = withInputForm(
  z.string().transform((text, ctx) => {
    const hex = text.replace(/:/g, '').toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) {
      raise(ctx, [], `'${text}' is not a SHA-256 fingerprint`, { expected: '64 hex digits' });
      return z.NEVER;
    }
    return hex;
  }),
  () => z.string().regex(/^(?:[0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/).describe('64 hex digits (colons allowed)'),
);

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const IPV6 = /^[0-9a-fA-F:]+(?:%\w+)?$/;
/** A node's IPv4 or IPv6 address, as the trust files and `show network` give it. */
export const ipAddress = matching(new RegExp(`${IPV4.source}|^(?=.*:)${IPV6.source}`, 'i'), 'an IP address', 'an IPv4 address such as 10.10.0.10, or an IPv6 address');

/** A host name or FQDN (letters, digits, hyphens, dots; no wildcard: CUCM refuses them [chapter]). */
export const hostName = matching(/^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?$/, 'a host name', 'a host name or FQDN such as cucm-pub.example.com');

export const keyLength = z.literal(KEY_LENGTHS);

/** `on`/`off`; YAML 1.1 tools may turn those into booleans, so accept true/false as well. */
export const powerState = byShape(
  { text: z.enum(['on', 'off']), boolean: z.boolean().transform((on) => (on ? 'on' : 'off') as 'on' | 'off') },
  'on or off',
);

/** Parameter values and the like: text, a number or true/false as YAML typed them. */
export const scalar = byShape({ text: z.string(), number: z.number(), boolean: z.boolean() }, 'text, a number or true/false');

/** Drops keys whose value is undefined, so the model never carries `key: undefined`. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
