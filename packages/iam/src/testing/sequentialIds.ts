import {
  BASE32,
  ID_BODY_LENGTHS,
  ID_PREFIXES,
  type IdGenerator,
  type IdKind,
} from '../shared/ids.js';

/** Predictable ids for tests: `AIDA` + `AAAA...B`, counting per kind in base32. */
export class SequentialIds implements IdGenerator {
  readonly #counters = new Map<IdKind, number>();
  #uuids = 0;

  next(kind: IdKind): string {
    const n = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, n);
    let digits = '';
    let rest = n;
    while (rest > 0) {
      digits = (BASE32[rest % 32] ?? 'A') + digits;
      rest = Math.floor(rest / 32);
    }
    return ID_PREFIXES[kind] + digits.padStart(ID_BODY_LENGTHS[kind], 'A');
  }

  uuid(): string {
    this.#uuids += 1;
    return `00000000-0000-4000-8000-${this.#uuids.toString(16).padStart(12, '0')}`;
  }
}
