import { splitArn } from '../patterns/arn.js';
import { decodeBase64 } from './values/binaryValue.js';
import { parseDateValue } from './values/dateValue.js';
import { parseIpAddress, type IpAddress } from './values/ipValue.js';
import { parseNumericValue } from './values/numericValue.js';

/** A value of a request context key: one value, several values, or a number or boolean. */
export type ContextValue = string | readonly string[] | number | boolean;

/** The request context as callers give it: plain key names, no knowledge of any platform. */
export type RequestContextInput = Readonly<Record<string, ContextValue>>;

/**
 * One key's values in the request, normalised to strings, with typed views parsed on first use
 * and kept, so that many conditions on the same key parse the value once per request.
 */
export class ContextEntry {
  #lower: string[] | undefined;
  #numbers: (number | undefined)[] | undefined;
  #dates: (number | undefined)[] | undefined;
  #ips: (IpAddress | undefined)[] | undefined;
  #arns: (string[] | undefined)[] | undefined;
  #binaries: (string | undefined)[] | undefined;

  constructor(
    /** At least one value: a key given as an empty array counts as absent. */
    readonly values: readonly string[],
    /** Whether the request gave an array, i.e. the key is multivalued. */
    readonly multivalued: boolean,
  ) {}

  lower(index: number): string {
    this.#lower ??= this.values.map((v) => v.toLowerCase());
    return this.#lower[index] ?? '';
  }

  number(index: number): number | undefined {
    this.#numbers ??= this.values.map(parseNumericValue);
    return this.#numbers[index];
  }

  date(index: number): number | undefined {
    this.#dates ??= this.values.map(parseDateValue);
    return this.#dates[index];
  }

  ip(index: number): IpAddress | undefined {
    this.#ips ??= this.values.map(parseIpAddress);
    return this.#ips[index];
  }

  arn(index: number): string[] | undefined {
    this.#arns ??= this.values.map(splitArn);
    return this.#arns[index];
  }

  binary(index: number): string | undefined {
    this.#binaries ??= this.values.map(decodeBase64);
    return this.#binaries[index];
  }
}

/**
 * The request context of one evaluation. Key names are case-insensitive, as in IAM; an exact
 * spelling is found without building the case-insensitive index.
 */
export class RequestContext {
  #entries: Map<string, ContextEntry | null> | undefined;
  #keysByLowerName: Map<string, string> | undefined;

  constructor(private readonly raw: RequestContextInput | undefined) {}

  /** The values of a key, or undefined when the request does not have it. */
  entry(key: string, keyLower: string): ContextEntry | undefined {
    const raw = this.raw;
    if (raw === undefined) return undefined;
    this.#entries ??= new Map();
    const cached = this.#entries.get(keyLower);
    if (cached !== undefined) return cached ?? undefined;
    let rawKey: string | undefined = key;
    if (!Object.hasOwn(raw, key)) {
      this.#keysByLowerName ??= indexByLowerName(raw);
      rawKey = this.#keysByLowerName.get(keyLower);
    }
    const entry = rawKey === undefined ? undefined : normalise(raw[rawKey]);
    this.#entries.set(keyLower, entry ?? null);
    return entry;
  }

  /**
   * The value a policy variable `${key}` stands for: the key's single value. A multivalued key
   * cannot be a policy variable (AWS), so it resolves to nothing, like a missing key.
   */
  readonly lookupVariable = (key: string): string | undefined => {
    const entry = this.entry(key, key.toLowerCase());
    if (entry === undefined || entry.multivalued) return undefined;
    return entry.values[0];
  };
}

function indexByLowerName(raw: RequestContextInput): Map<string, string> {
  const index = new Map<string, string>();
  for (const key of Object.keys(raw)) {
    const lower = key.toLowerCase();
    if (!index.has(lower)) index.set(lower, key);
  }
  return index;
}

function normalise(value: unknown): ContextEntry | undefined {
  const single = scalarText(value);
  if (single !== undefined) return new ContextEntry([single], false);
  if (!Array.isArray(value)) return undefined;
  const values: string[] = [];
  for (const item of value as unknown[]) {
    const text = scalarText(item);
    if (text !== undefined) values.push(text);
  }
  return values.length === 0 ? undefined : new ContextEntry(values, true);
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}
