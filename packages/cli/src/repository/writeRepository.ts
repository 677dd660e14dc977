import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { IgnoreList, isReservedInlinePolicy } from '../plan/ignorePatterns.js';
import {
  DEFAULT_MAX_SESSION_DURATION,
  type AccountState,
  type PolicyDocument,
  type Tags,
} from '../state/accountState.js';
import { ENTITY_DIRECTORIES } from './loadRepository.js';

/** Options of {@link writeRepository}. */
export interface WriteRepositoryOptions {
  readonly format: 'yaml' | 'json';
  /** Patterns of entities to leave out (those of an existing `gatehouse.yaml`). */
  readonly ignore: readonly string[];
  /** Write `gatehouse.yaml` (false when the directory already has one, which is kept). */
  readonly writeConfig: boolean;
}

function omitEmpty(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => {
      if (v === undefined || v === '') return false;
      if (Array.isArray(v)) return v.length > 0;
      if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
      return true;
    }),
  );
}

function inline(
  policies: Readonly<Record<string, PolicyDocument>>,
): Record<string, PolicyDocument> {
  return Object.fromEntries(
    Object.entries(policies).filter(([name]) => !isReservedInlinePolicy(name)),
  );
}

function sortedTags(tags: Tags): Tags {
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Writes a live state as a repository (README, "Repository format") into `dir`: one file per
 * entity, policies referred to by name when exported and by ARN otherwise, memberships on the
 * groups, inline policies of access grants (`gatehouse-*`) and ignored entities left out. The
 * entity directories are emptied of .yaml/.yml/.json files first, so `plan` right after shows
 * no changes. Returns the files written, relative to `dir`.
 */
export async function writeRepository(
  state: AccountState,
  dir: string,
  options: WriteRepositoryOptions,
): Promise<string[]> {
  const ignore = new IgnoreList(options.ignore);
  const policies = state.policies.filter((p) => !ignore.ignores('policy', p.name));
  const users = state.users.filter((u) => !ignore.ignores('user', u.name));
  const groups = state.groups.filter((g) => !ignore.ignores('group', g.name));
  const roles = state.roles.filter((r) => !ignore.ignores('role', r.name));
  const exportedPolicies = new Map(policies.map((p) => [p.arn, p.name]));
  const reference = (arn: string): string => exportedPolicies.get(arn) ?? arn;
  const attachedSomewhere = new Set(
    [...state.users, ...state.groups, ...state.roles].flatMap((h) => h.policies),
  );
  const boundaries = new Set(
    [...state.users, ...state.roles].flatMap((h) =>
      h.permissionsBoundary === undefined ? [] : [h.permissionsBoundary],
    ),
  );
  const extension = options.format === 'json' ? 'json' : 'yaml';
  const serialize = (value: unknown): string =>
    options.format === 'json'
      ? `${JSON.stringify(value, null, 2)}\n`
      : stringify(value, { lineWidth: 0 });

  for (const directory of ENTITY_DIRECTORIES) {
    const absolute = path.join(dir, directory);
    await mkdir(absolute, { recursive: true });
    for (const entry of await readdir(absolute)) {
      if (/\.(ya?ml|json)$/i.test(entry)) await rm(path.join(absolute, entry));
    }
  }
  const written: string[] = [];
  const write = async (relative: string, value: unknown): Promise<void> => {
    await writeFile(path.join(dir, relative), serialize(value), 'utf8');
    written.push(relative);
  };

  if (options.writeConfig) {
    const header =
      '# Gatehouse policy repository (gatehouse export). See `gatehouse validate --help`.\n';
    const body = serialize({ version: 1, account: state.accountId });
    await writeFile(
      path.join(dir, `gatehouse.${extension}`),
      options.format === 'json' ? body : header + body,
      'utf8',
    );
    written.push(`gatehouse.${extension}`);
  }
  for (const policy of policies) {
    const directory =
      boundaries.has(policy.arn) && !attachedSomewhere.has(policy.arn) ? 'boundaries' : 'policies';
    await write(
      `${directory}/${policy.name}.${extension}`,
      omitEmpty({
        path: policy.path === '/' ? undefined : policy.path,
        description: policy.description,
        tags: sortedTags(policy.tags),
        document: policy.document,
      }),
    );
  }
  for (const group of groups) {
    const members = users
      .filter((u) => u.groups.includes(group.name))
      .map((u) => u.name)
      .sort();
    await write(
      `groups/${group.name}.${extension}`,
      omitEmpty({
        path: group.path === '/' ? undefined : group.path,
        members,
        policies: group.policies.map(reference),
        inlinePolicies: inline(group.inlinePolicies),
      }),
    );
  }
  for (const user of users) {
    await write(
      `users/${user.name}.${extension}`,
      omitEmpty({
        path: user.path === '/' ? undefined : user.path,
        tags: sortedTags(user.tags),
        policies: user.policies.map(reference),
        inlinePolicies: inline(user.inlinePolicies),
        permissionsBoundary:
          user.permissionsBoundary === undefined ? undefined : reference(user.permissionsBoundary),
      }),
    );
  }
  for (const role of roles) {
    await write(
      `roles/${role.name}.${extension}`,
      omitEmpty({
        path: role.path === '/' ? undefined : role.path,
        description: role.description,
        maxSessionDuration:
          role.maxSessionDuration === DEFAULT_MAX_SESSION_DURATION
            ? undefined
            : role.maxSessionDuration,
        tags: sortedTags(role.tags),
        trustPolicy: role.trustPolicy,
        policies: role.policies.map(reference),
        inlinePolicies: inline(role.inlinePolicies),
        permissionsBoundary:
          role.permissionsBoundary === undefined ? undefined : reference(role.permissionsBoundary),
      }),
    );
  }
  return written;
}
