/**
 * Parses stored JSON, handing out one deeply frozen value per distinct text. A simulation's log repeats
 * itself: the 40,000 phones of a reset wave get the same payloads, and the events of an instant the same
 * metadata. A reader folding such a log parses each payload once and can recognise repeats by identity.
 * Values read back are immutable either way: a caller cannot change what is stored through them.
 */
export class JsonInterner {
  private values = new Map<string, unknown>();

  constructor(
    /** Texts longer than this are parsed each time (trust files, certificates): they seldom repeat. */
    private readonly maxLength = 2048,
    /** Distinct texts kept before the cache starts again. */
    private readonly maxEntries = 20_000,
  ) {}

  parse(text: string): unknown {
    if (text.length > this.maxLength) return deepFreeze(JSON.parse(text));
    let value = this.values.get(text);
    if (value === undefined) {
      if (this.values.size >= this.maxEntries) this.values = new Map();
      value = deepFreeze(JSON.parse(text));
      this.values.set(text, value);
    }
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
