import type { EntityKind } from '../state/accountState.js';

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** `gatehouse.yaml`'s `ignore`: `<kind>/<name pattern>` with `*` and `?`, names compared case-insensitively. */
export class IgnoreList {
  private readonly patterns: readonly { kind: string; name: RegExp }[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.map((pattern) => {
      const [kind = '', ...rest] = pattern.split('/');
      return { kind, name: globToRegExp(rest.join('/')) };
    });
  }

  /** True when the entity is one the repository leaves alone. */
  ignores(kind: EntityKind, name: string): boolean {
    return this.patterns.some((p) => p.kind === kind && p.name.test(name));
  }
}

/** Inline policies the platform manages itself (access grants): never changed by a plan. */
export function isReservedInlinePolicy(name: string): boolean {
  return name.startsWith('gatehouse-');
}
