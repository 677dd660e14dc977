import { ID_PREFIXES, type IdGenerator, type IdKind } from '../shared/ids.js';

const LENGTHS: Record<IdKind, number> = {
  user: 17,
  group: 17,
  role: 17,
  policy: 17,
  accessKey: 16,
  temporaryAccessKey: 16,
  mfaDevice: 17,
  session: 22,
};

/** Predictable ids for tests: `AIDA` + `AAAA...B`, counting per kind in base32. */
export class SequentialIds implements IdGenerator {
  readonly #counters = new Map<IdKind, number>();
  #uuids = 0;

  next(kind: IdKind): string {
    const n = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, n);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let digits = '';
    let rest = n;
    while (rest > 0) {
      digits = (alphabet[rest % 32] ?? 'A') + digits;
      rest = Math.floor(rest / 32);
    }
    return ID_PREFIXES[kind] + digits.padStart(LENGTHS[kind], 'A');
  }

  uuid(): string {
    this.#uuids += 1;
    return `00000000-0000-4000-8000-${this.#uuids.toString(16).padStart(12, '0')}`;
  }
}
