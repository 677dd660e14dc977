import { IamError, invalidInput, limitExceeded } from './iamError.js';
import { TAG_KEY, TAG_VALUE } from './validation.js';

/** A tag on a user, role, policy or MFA device. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** IAM's quota of tags per resource. */
export const MAX_TAGS = 50;

/**
 * Checks tags as IAM does: key and value patterns, `aws:` keys reserved, keys
 * unique case-insensitively (IAM keeps the case but treats `Team` and `team` as one).
 */
export function assertTags(field: string, tags: readonly Tag[]): void {
  if (tags.length > MAX_TAGS) {
    throw limitExceeded('TagsPerResource', MAX_TAGS, `at most ${MAX_TAGS} tags per resource`);
  }
  const seen = new Set<string>();
  tags.forEach((tag, index) => {
    if (!TAG_KEY.test(tag.key)) {
      throw invalidInput(
        `${field}[${index}].key`,
        'must be 1-128 letters, digits, spaces or `_.:/=+-@`',
      );
    }
    if (!TAG_VALUE.test(tag.value)) {
      throw invalidInput(
        `${field}[${index}].value`,
        'must be 0-256 letters, digits, spaces or `_.:/=+-@`',
      );
    }
    if (tag.key.toLowerCase().startsWith('aws:')) {
      throw invalidInput(
        `${field}[${index}].key`,
        'must not start with the reserved prefix `aws:`',
      );
    }
    const key = tag.key.toLowerCase();
    if (seen.has(key)) {
      throw new IamError('INVALID_INPUT', `duplicate tag key \`${tag.key}\``, {
        details: { issues: [{ path: `${field}[${index}].key`, message: 'duplicate tag key' }] },
      });
    }
    seen.add(key);
  });
}

/** `current` with `added` set (replacing same keys, case-insensitively), keeping order. */
export function mergeTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const addedKeys = new Map(added.map((tag) => [tag.key.toLowerCase(), tag]));
  const kept = current.filter((tag) => !addedKeys.has(tag.key.toLowerCase()));
  return [...kept, ...added];
}

/** `current` without the given keys (case-insensitively). */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  const removed = new Set(keys.map((key) => key.toLowerCase()));
  return current.filter((tag) => !removed.has(tag.key.toLowerCase()));
}
