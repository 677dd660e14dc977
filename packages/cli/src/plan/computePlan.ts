import type { AccountChange, IdentityKind } from '@gatehouse/policy';
import type {
  AccountState,
  GroupState,
  ManagedPolicyState,
  PolicyHolderState,
  RoleState,
  Tags,
  UserState,
} from '../state/accountState.js';
import { sameJson } from '../state/canonicalJson.js';
import { IgnoreList, isReservedInlinePolicy } from './ignorePatterns.js';
import type { MutationName } from './mutations.js';
import type {
  ChangeAction,
  FieldChange,
  PlanDiff,
  PlannedOperation,
  ResourceChange,
} from './planModel.js';

/** Credentials of users the plan deletes (they must go before the user can). */
export interface UserCredentials {
  readonly accessKeyIds: readonly string[];
  readonly mfaSerialNumbers: readonly string[];
}

/** Inputs of {@link computePlan}. */
export interface ComputePlanInput {
  readonly desired: AccountState;
  readonly live: AccountState;
  /** `gatehouse.yaml`'s ignore patterns. */
  readonly ignore: readonly string[];
  /** Credentials of the users that the plan deletes, by name. */
  readonly credentials?: ReadonlyMap<string, UserCredentials> | undefined;
}

/** Phases: what runs before what (README, "How apply orders changes"). */
export const PHASES = {
  createPolicies: 1,
  updatePolicies: 2,
  groups: 3,
  principals: 4,
  boundaries: 5,
  grants: 6,
  revocations: 7,
  deletePrincipals: 8,
  deletePolicies: 9,
  approvalRules: 10,
} as const;

const HOLDER_MUTATIONS = {
  user: {
    put: 'putUserPolicy',
    delete: 'deleteUserPolicy',
    attach: 'attachUserPolicy',
    detach: 'detachUserPolicy',
    arg: 'userName',
  },
  group: {
    put: 'putGroupPolicy',
    delete: 'deleteGroupPolicy',
    attach: 'attachGroupPolicy',
    detach: 'detachGroupPolicy',
    arg: 'groupName',
  },
  role: {
    put: 'putRolePolicy',
    delete: 'deleteRolePolicy',
    attach: 'attachRolePolicy',
    detach: 'detachRolePolicy',
    arg: 'roleName',
  },
} as const satisfies Record<
  IdentityKind,
  {
    put: MutationName;
    delete: MutationName;
    attach: MutationName;
    detach: MutationName;
    arg: string;
  }
>;

function tagList(tags: Tags): { key: string; value: string }[] {
  return Object.entries(tags)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => ({ key, value }));
}

function byName<T extends { readonly name: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((item) => [item.name, item]));
}

function policyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * The difference between the desired and the live account as gateway mutations, in the order
 * apply runs them, with each permission change also described as @gatehouse/policy account
 * changes for the analysis. Pure: everything it needs is in the input.
 */
export function computePlan(input: ComputePlanInput): PlanDiff {
  return new Planner(input).run();
}

class Planner {
  private readonly operations: PlannedOperation[] = [];
  private readonly ids = new Set<string>();
  private readonly changes = new Map<
    string,
    { action: ChangeAction; fields: FieldChange[]; operations: string[] }
  >();
  private readonly warnings: string[] = [];
  private readonly errors: string[] = [];
  private readonly ignore: IgnoreList;
  /** Creation operations by entity address (what later operations depend on). */
  private readonly created = new Map<string, string>();
  /** Policy ARNs created by the plan → their creation operation. */
  private readonly createdPolicies = new Map<string, string>();

  constructor(private readonly input: ComputePlanInput) {
    this.ignore = new IgnoreList(input.ignore);
  }

  run(): PlanDiff {
    const { desired, live } = this.input;
    this.checkReferences();
    this.diffPolicies(desired.policies, live.policies);
    this.diffGroups(desired.groups, live.groups);
    this.diffUsers(desired.users, live.users);
    this.diffRoles(desired.roles, live.roles);
    this.deleteGroups(desired.groups, live);
    this.deletePolicies(desired.policies, live);
    this.diffApprovalRules();
    const operations = this.operations
      .map((operation, index) => ({ operation, index }))
      .sort((a, b) => a.operation.phase - b.operation.phase || a.index - b.index)
      .map(({ operation }) => operation);
    const changes: ResourceChange[] = [...this.changes.entries()].map(([address, change]) => ({
      address,
      action: change.action,
      fields: change.fields,
      operations: change.operations,
    }));
    return { changes, operations, warnings: this.warnings, errors: this.errors };
  }

  /** Policy ARNs the repository refers to must exist afterwards: defined, or live and ignored. */
  private checkReferences(): void {
    const { desired, live } = this.input;
    const desiredArns = new Set(desired.policies.map((p) => p.arn));
    const liveByArn = new Map(live.policies.map((p) => [p.arn, p]));
    const holders: (PolicyHolderState & { permissionsBoundary?: string | undefined })[] = [
      ...desired.users,
      ...desired.groups,
      ...desired.roles,
    ];
    for (const holder of holders) {
      const references = [...holder.policies];
      if (holder.permissionsBoundary !== undefined) references.push(holder.permissionsBoundary);
      for (const arn of references) {
        if (desiredArns.has(arn)) continue;
        const livePolicy = liveByArn.get(arn);
        if (livePolicy === undefined) {
          this.errors.push(
            `\`${holder.arn}\` refers to \`${arn}\`, which neither the repository nor the account has`,
          );
        } else if (!this.ignore.ignores('policy', livePolicy.name)) {
          this.errors.push(
            `\`${holder.arn}\` refers to \`${arn}\`, which the plan would delete: define it in \`policies/\` or add \`policy/${livePolicy.name}\` to \`ignore\``,
          );
        }
      }
    }
  }

  private change(
    address: string,
    action: ChangeAction,
  ): { fields: FieldChange[]; operations: string[] } {
    let change = this.changes.get(address);
    if (change === undefined) {
      change = { action, fields: [], operations: [] };
      this.changes.set(address, change);
    }
    return change;
  }

  private field(address: string, action: ChangeAction, field: FieldChange): void {
    this.change(address, action).fields.push(field);
  }

  private add(
    operation: Omit<PlannedOperation, 'dependsOn' | 'accountChanges'> & {
      readonly dependsOn?: readonly (string | undefined)[];
      readonly accountChanges?: readonly AccountChange[];
    },
  ): string {
    if (this.ids.has(operation.id)) return operation.id;
    this.ids.add(operation.id);
    const dependsOn = [
      ...new Set((operation.dependsOn ?? []).filter((d): d is string => d !== undefined)),
    ];
    this.operations.push({
      ...operation,
      dependsOn,
      accountChanges: operation.accountChanges ?? [],
    });
    this.change(operation.address, operation.action).operations.push(operation.id);
    return operation.id;
  }

  private policyDependency(arn: string | undefined): string | undefined {
    return arn === undefined ? undefined : this.createdPolicies.get(arn);
  }

  // ---- managed policies ----

  private diffPolicies(
    desired: readonly ManagedPolicyState[],
    live: readonly ManagedPolicyState[],
  ): void {
    const liveByName = byName(live);
    const liveLower = new Map(live.map((p) => [p.name.toLowerCase(), p]));
    for (const policy of desired) {
      const address = `policy/${policy.name}`;
      const current = liveByName.get(policy.name);
      if (current === undefined) {
        const other = liveLower.get(policy.name.toLowerCase());
        if (other !== undefined) {
          this.errors.push(
            `policy \`${policy.name}\` differs only in case from the live \`${other.name}\`: IAM cannot rename policies`,
          );
          continue;
        }
        const id = this.add({
          id: `${address}:create`,
          address,
          action: 'create',
          mutation: 'createPolicy',
          variables: {
            policyName: policy.name,
            path: policy.path,
            policyDocument: JSON.stringify(policy.document),
            ...(policy.description === '' ? {} : { description: policy.description }),
            ...(Object.keys(policy.tags).length === 0 ? {} : { tags: tagList(policy.tags) }),
          },
          description: `create policy \`${policy.name}\``,
          phase: PHASES.createPolicies,
          accountChanges: [
            { kind: 'CreatePolicy', policyArn: policy.arn, document: policy.document },
          ],
        });
        this.created.set(address, id);
        this.createdPolicies.set(policy.arn, id);
        this.field(address, 'create', { field: 'document', after: policy.document });
        continue;
      }
      if (current.path !== policy.path) {
        this.warnings.push(
          `policy \`${policy.name}\`: the path cannot change in place (\`${current.path}\` → \`${policy.path}\`); not applied`,
        );
      }
      if (current.description !== policy.description) {
        this.warnings.push(
          `policy \`${policy.name}\`: IAM cannot change a policy's description; not applied`,
        );
      }
      if (!sameJson(current.document, policy.document)) {
        this.field(address, 'update', {
          field: 'document',
          before: current.document,
          after: policy.document,
        });
        const versions = current.versions ?? [];
        const prune = versions.length >= 5 ? versions.find((v) => !v.isDefaultVersion) : undefined;
        let pruneId: string | undefined;
        if (prune !== undefined) {
          pruneId = this.add({
            id: `${address}:delete-version:${prune.versionId}`,
            address,
            action: 'update',
            mutation: 'deletePolicyVersion',
            variables: { policyArn: current.arn, versionId: prune.versionId },
            description: `delete the oldest version \`${prune.versionId}\` (IAM keeps at most five)`,
            phase: PHASES.updatePolicies,
          });
        }
        this.add({
          id: `${address}:new-version`,
          address,
          action: 'update',
          mutation: 'createPolicyVersion',
          variables: {
            policyArn: current.arn,
            policyDocument: JSON.stringify(policy.document),
            setAsDefault: true,
          },
          description: 'set a new default version of the document',
          phase: PHASES.updatePolicies,
          dependsOn: [pruneId],
          accountChanges: [
            { kind: 'SetPolicyDocument', policyArn: current.arn, document: policy.document },
          ],
        });
      }
      this.diffTags(
        address,
        current.tags,
        policy.tags,
        'Policy',
        { policyArn: current.arn },
        PHASES.updatePolicies,
      );
    }
  }

  private deletePolicies(desired: readonly ManagedPolicyState[], live: AccountState): void {
    const wanted = new Set(desired.map((p) => p.name.toLowerCase()));
    for (const policy of live.policies) {
      if (wanted.has(policy.name.toLowerCase()) || this.ignore.ignores('policy', policy.name))
        continue;
      const address = `policy/${policy.name}`;
      this.field(address, 'delete', { field: 'policy', before: policy.arn });
      const waits: string[] = [];
      // Holders the repository does not manage still hold it: detach (managed ones are diffed already).
      const holders: [IdentityKind, readonly PolicyHolderState[]][] = [
        ['user', live.users],
        ['group', live.groups],
        ['role', live.roles],
      ];
      for (const [kind, list] of holders) {
        for (const holder of list) {
          const holderAddress = `${kind}/${holder.name}`;
          const boundary = (holder as UserState | RoleState).permissionsBoundary;
          if (holder.policies.includes(policy.arn)) {
            const id = `${holderAddress}:detach:${policy.arn}`;
            if (!this.ids.has(id)) {
              this.warnings.push(
                `deleting policy \`${policy.name}\` detaches it from ${kind} \`${holder.name}\`, which the repository does not manage`,
              );
              this.detach(kind, holder.name, policy.arn, holderAddress);
            }
            waits.push(id);
          }
          if (boundary === policy.arn && kind !== 'group') {
            const id = `${holderAddress}:delete-boundary`;
            if (!this.ids.has(id)) {
              this.warnings.push(
                `deleting policy \`${policy.name}\` removes it as the boundary of ${kind} \`${holder.name}\``,
              );
              this.deleteBoundary(kind, holder.name, holderAddress);
            }
            waits.push(id);
          }
        }
      }
      for (const version of policy.versions ?? []) {
        if (version.isDefaultVersion) continue;
        waits.push(
          this.add({
            id: `${address}:delete-version:${version.versionId}`,
            address,
            action: 'delete',
            mutation: 'deletePolicyVersion',
            variables: { policyArn: policy.arn, versionId: version.versionId },
            description: `delete version \`${version.versionId}\``,
            phase: PHASES.deletePolicies,
          }),
        );
      }
      this.add({
        id: `${address}:delete`,
        address,
        action: 'delete',
        mutation: 'deletePolicy',
        variables: { policyArn: policy.arn },
        description: `delete policy \`${policy.name}\``,
        phase: PHASES.deletePolicies,
        dependsOn: waits,
      });
    }
  }

  // ---- tags ----

  private diffTags(
    address: string,
    current: Tags,
    wanted: Tags,
    kind: 'Policy' | 'User' | 'Role',
    target: Readonly<Record<string, string>>,
    phase: number,
  ): void {
    const changed = Object.fromEntries(
      Object.entries(wanted).filter(([key, value]) => current[key] !== value),
    );
    const removed = Object.keys(current)
      .filter((key) => !(key in wanted))
      .sort();
    if (Object.keys(changed).length > 0) {
      this.field(address, 'update', {
        field: 'tags',
        before: Object.fromEntries(
          Object.keys(changed)
            .filter((k) => k in current)
            .map((k) => [k, current[k]]),
        ),
        after: changed,
      });
      this.add({
        id: `${address}:tag`,
        address,
        action: 'update',
        mutation: `tag${kind}`,
        variables: { ...target, tags: tagList(changed) },
        description: `tag ${Object.keys(changed)
          .map((k) => `\`${k}\``)
          .join(', ')}`,
        phase,
      });
    }
    if (removed.length > 0) {
      this.field(address, 'update', {
        field: 'tags',
        before: Object.fromEntries(removed.map((k) => [k, current[k]])),
      });
      this.add({
        id: `${address}:untag`,
        address,
        action: 'update',
        mutation: `untag${kind}`,
        variables: { ...target, tagKeys: removed },
        description: `untag ${removed.map((k) => `\`${k}\``).join(', ')}`,
        phase,
      });
    }
  }

  // ---- what users, groups and roles share ----

  private diffHolder(
    kind: IdentityKind,
    current: PolicyHolderState | undefined,
    wanted: PolicyHolderState,
    action: ChangeAction,
    createdId: string | undefined,
  ): void {
    const address = `${kind}/${wanted.name}`;
    const m = HOLDER_MUTATIONS[kind];
    const identity = { kind, name: wanted.name };
    const liveInline = current?.inlinePolicies ?? {};
    for (const [name, document] of Object.entries(wanted.inlinePolicies)) {
      const before = liveInline[name];
      if (before !== undefined && sameJson(before, document)) continue;
      this.field(address, action, { field: `inlinePolicies.${name}`, before, after: document });
      this.add({
        id: `${address}:put-inline:${name}`,
        address,
        action,
        mutation: m.put,
        variables: {
          [m.arg]: wanted.name,
          policyName: name,
          policyDocument: JSON.stringify(document),
        },
        description: `${before === undefined ? 'add' : 'replace'} inline policy \`${name}\``,
        phase: PHASES.grants,
        dependsOn: [createdId],
        accountChanges: [{ kind: 'PutInlinePolicy', identity, policyName: name, document }],
      });
    }
    for (const [name, document] of Object.entries(liveInline)) {
      if (name in wanted.inlinePolicies || isReservedInlinePolicy(name)) continue;
      this.field(address, action, { field: `inlinePolicies.${name}`, before: document });
      this.deleteInline(kind, wanted.name, name, address, action);
    }
    const livePolicies = new Set(current?.policies ?? []);
    for (const arn of wanted.policies) {
      if (livePolicies.has(arn)) continue;
      this.field(address, action, { field: 'policies', after: policyName(arn) });
      this.add({
        id: `${address}:attach:${arn}`,
        address,
        action,
        mutation: m.attach,
        variables: { [m.arg]: wanted.name, policyArn: arn },
        description: `attach policy \`${policyName(arn)}\``,
        phase: PHASES.grants,
        dependsOn: [createdId, this.policyDependency(arn)],
        accountChanges: [{ kind: 'AttachPolicy', identity, policyArn: arn }],
      });
    }
    for (const arn of current?.policies ?? []) {
      if (wanted.policies.includes(arn)) continue;
      this.field(address, action, { field: 'policies', before: policyName(arn) });
      this.detach(kind, wanted.name, arn, address, action);
    }
  }

  private deleteInline(
    kind: IdentityKind,
    name: string,
    policy: string,
    address: string,
    action: ChangeAction,
  ): string {
    const m = HOLDER_MUTATIONS[kind];
    return this.add({
      id: `${address}:delete-inline:${policy}`,
      address,
      action,
      mutation: m.delete,
      variables: { [m.arg]: name, policyName: policy },
      description: `delete inline policy \`${policy}\``,
      phase: PHASES.revocations,
      accountChanges: [
        { kind: 'DeleteInlinePolicy', identity: { kind, name }, policyName: policy },
      ],
    });
  }

  private detach(
    kind: IdentityKind,
    name: string,
    arn: string,
    address: string,
    action: ChangeAction = 'update',
  ): string {
    const m = HOLDER_MUTATIONS[kind];
    return this.add({
      id: `${address}:detach:${arn}`,
      address,
      action,
      mutation: m.detach,
      variables: { [m.arg]: name, policyArn: arn },
      description: `detach policy \`${policyName(arn)}\``,
      phase: PHASES.revocations,
      accountChanges: [{ kind: 'DetachPolicy', identity: { kind, name }, policyArn: arn }],
    });
  }

  private deleteBoundary(
    kind: 'user' | 'role',
    name: string,
    address: string,
    action: ChangeAction = 'update',
  ): string {
    return this.add({
      id: `${address}:delete-boundary`,
      address,
      action,
      mutation: kind === 'user' ? 'deleteUserPermissionsBoundary' : 'deleteRolePermissionsBoundary',
      variables: kind === 'user' ? { userName: name } : { roleName: name },
      description: 'remove the permissions boundary',
      phase: PHASES.revocations,
      accountChanges: [{ kind: 'DeletePermissionsBoundary', principal: { kind, name } }],
    });
  }

  private diffBoundary(
    kind: 'user' | 'role',
    name: string,
    current: string | undefined,
    wanted: string | undefined,
    createdId: string | undefined,
  ): void {
    const address = `${kind}/${name}`;
    if (current === wanted) return;
    this.field(address, 'update', {
      field: 'permissionsBoundary',
      before: current === undefined ? undefined : policyName(current),
      after: wanted === undefined ? undefined : policyName(wanted),
    });
    if (wanted === undefined) {
      this.deleteBoundary(kind, name, address);
      return;
    }
    this.add({
      id: `${address}:put-boundary`,
      address,
      action: 'update',
      mutation: kind === 'user' ? 'putUserPermissionsBoundary' : 'putRolePermissionsBoundary',
      variables:
        kind === 'user'
          ? { userName: name, permissionsBoundary: wanted }
          : { roleName: name, permissionsBoundary: wanted },
      description: `set the permissions boundary to \`${policyName(wanted)}\``,
      phase: PHASES.boundaries,
      dependsOn: [createdId, this.policyDependency(wanted)],
      accountChanges: [
        { kind: 'PutPermissionsBoundary', principal: { kind, name }, policyArn: wanted },
      ],
    });
  }

  // ---- groups ----

  private diffGroups(desired: readonly GroupState[], live: readonly GroupState[]): void {
    const liveByName = byName(live);
    const liveLower = new Map(live.map((g) => [g.name.toLowerCase(), g]));
    for (const group of desired) {
      const address = `group/${group.name}`;
      const current = liveByName.get(group.name);
      if (current === undefined) {
        const other = liveLower.get(group.name.toLowerCase());
        if (other !== undefined) {
          this.errors.push(
            `group \`${group.name}\` differs only in case from the live \`${other.name}\``,
          );
          continue;
        }
        const id = this.add({
          id: `${address}:create`,
          address,
          action: 'create',
          mutation: 'createGroup',
          variables: { groupName: group.name, path: group.path },
          description: `create group \`${group.name}\``,
          phase: PHASES.groups,
          accountChanges: [{ kind: 'CreateGroup', group: { name: group.name, path: group.path } }],
        });
        this.created.set(address, id);
        this.field(address, 'create', { field: 'path', after: group.path });
        this.diffHolder('group', undefined, group, 'create', id);
        continue;
      }
      if (current.path !== group.path) {
        this.field(address, 'update', { field: 'path', before: current.path, after: group.path });
        this.add({
          id: `${address}:move`,
          address,
          action: 'update',
          mutation: 'updateGroup',
          variables: { groupName: group.name, newPath: group.path },
          description: `move to path \`${group.path}\``,
          phase: PHASES.groups,
        });
      }
      this.diffHolder('group', current, group, 'update', undefined);
    }
  }

  private deleteGroups(desired: readonly GroupState[], live: AccountState): void {
    const wanted = new Set(desired.map((g) => g.name.toLowerCase()));
    for (const group of live.groups) {
      if (wanted.has(group.name.toLowerCase()) || this.ignore.ignores('group', group.name))
        continue;
      const address = `group/${group.name}`;
      this.field(address, 'delete', { field: 'group', before: group.arn });
      const waits: string[] = [];
      for (const [name] of Object.entries(group.inlinePolicies)) {
        waits.push(this.deleteInline('group', group.name, name, address, 'delete'));
      }
      for (const arn of group.policies)
        waits.push(this.detach('group', group.name, arn, address, 'delete'));
      for (const user of live.users) {
        if (user.groups.includes(group.name)) {
          waits.push(this.removeMember(user.name, group.name, address, 'delete'));
        }
      }
      this.add({
        id: `${address}:delete`,
        address,
        action: 'delete',
        mutation: 'deleteGroup',
        variables: { groupName: group.name },
        description: `delete group \`${group.name}\``,
        phase: PHASES.deletePrincipals,
        dependsOn: waits,
      });
    }
  }

  private removeMember(user: string, group: string, address: string, action: ChangeAction): string {
    return this.add({
      id: `membership/${user}/${group}:remove`,
      address,
      action,
      mutation: 'removeUserFromGroup',
      variables: { groupName: group, userName: user },
      description: `remove user \`${user}\` from group \`${group}\``,
      phase: PHASES.revocations,
      accountChanges: [{ kind: 'RemoveUserFromGroup', userName: user, groupName: group }],
    });
  }

  // ---- users ----

  private diffUsers(desired: readonly UserState[], live: readonly UserState[]): void {
    const liveByName = byName(live);
    const liveLower = new Map(live.map((u) => [u.name.toLowerCase(), u]));
    for (const user of desired) {
      const address = `user/${user.name}`;
      const current = liveByName.get(user.name);
      let createdId: string | undefined;
      if (current === undefined) {
        const other = liveLower.get(user.name.toLowerCase());
        if (other !== undefined) {
          this.errors.push(
            `user \`${user.name}\` differs only in case from the live \`${other.name}\``,
          );
          continue;
        }
        createdId = this.add({
          id: `${address}:create`,
          address,
          action: 'create',
          mutation: 'createUser',
          variables: {
            userName: user.name,
            path: user.path,
            ...(user.permissionsBoundary === undefined
              ? {}
              : { permissionsBoundary: user.permissionsBoundary }),
            ...(Object.keys(user.tags).length === 0 ? {} : { tags: tagList(user.tags) }),
          },
          description: `create user \`${user.name}\``,
          phase: PHASES.principals,
          dependsOn: [this.policyDependency(user.permissionsBoundary)],
          accountChanges: [
            {
              kind: 'CreateUser',
              user: {
                name: user.name,
                path: user.path,
                tags: user.tags,
                ...(user.permissionsBoundary === undefined
                  ? {}
                  : { permissionsBoundary: user.permissionsBoundary }),
              },
            },
          ],
        });
        this.created.set(address, createdId);
        this.field(address, 'create', { field: 'path', after: user.path });
        if (Object.keys(user.tags).length > 0)
          this.field(address, 'create', { field: 'tags', after: user.tags });
        if (user.permissionsBoundary !== undefined) {
          this.field(address, 'create', {
            field: 'permissionsBoundary',
            after: policyName(user.permissionsBoundary),
          });
        }
      } else {
        if (current.path !== user.path) {
          this.field(address, 'update', { field: 'path', before: current.path, after: user.path });
          this.add({
            id: `${address}:move`,
            address,
            action: 'update',
            mutation: 'updateUser',
            variables: { userName: user.name, newPath: user.path },
            description: `move to path \`${user.path}\``,
            phase: PHASES.principals,
          });
        }
        this.diffTags(
          address,
          current.tags,
          user.tags,
          'User',
          { userName: user.name },
          PHASES.principals,
        );
        this.diffBoundary(
          'user',
          user.name,
          current.permissionsBoundary,
          user.permissionsBoundary,
          undefined,
        );
      }
      const action: ChangeAction = current === undefined ? 'create' : 'update';
      this.diffHolder('user', current, user, action, createdId);
      const liveGroups = new Set(current?.groups ?? []);
      for (const group of user.groups) {
        if (liveGroups.has(group)) continue;
        this.field(address, action, { field: 'groups', after: group });
        this.add({
          id: `membership/${user.name}/${group}:add`,
          address,
          action,
          mutation: 'addUserToGroup',
          variables: { groupName: group, userName: user.name },
          description: `add to group \`${group}\``,
          phase: PHASES.grants,
          dependsOn: [createdId, this.created.get(`group/${group}`)],
          accountChanges: [{ kind: 'AddUserToGroup', userName: user.name, groupName: group }],
        });
      }
      for (const group of current?.groups ?? []) {
        if (user.groups.includes(group) || this.isUnmanagedGroup(group)) continue;
        this.field(address, action, { field: 'groups', before: group });
        this.removeMember(user.name, group, address, action);
      }
    }
    const wanted = new Set(desired.map((u) => u.name.toLowerCase()));
    for (const user of live) {
      if (wanted.has(user.name.toLowerCase()) || this.ignore.ignores('user', user.name)) continue;
      this.deleteUser(user);
    }
  }

  /** A live group the repository neither defines nor deletes (ignored): memberships in it are left alone. */
  private isUnmanagedGroup(group: string): boolean {
    const defined = this.input.desired.groups.some(
      (g) => g.name.toLowerCase() === group.toLowerCase(),
    );
    return !defined && this.ignore.ignores('group', group);
  }

  private deleteUser(user: UserState): void {
    const address = `user/${user.name}`;
    this.field(address, 'delete', { field: 'user', before: user.arn });
    const waits: string[] = [];
    for (const name of Object.keys(user.inlinePolicies)) {
      waits.push(this.deleteInline('user', user.name, name, address, 'delete'));
    }
    for (const arn of user.policies)
      waits.push(this.detach('user', user.name, arn, address, 'delete'));
    for (const group of user.groups)
      waits.push(this.removeMember(user.name, group, address, 'delete'));
    waits.push(
      this.add({
        id: `${address}:delete-login-profile`,
        address,
        action: 'delete',
        mutation: 'deleteLoginProfile',
        variables: { userName: user.name },
        description: 'delete the password, if any',
        phase: PHASES.revocations,
        tolerate: ['NOT_FOUND'],
      }),
    );
    const credentials = this.input.credentials?.get(user.name);
    for (const accessKeyId of credentials?.accessKeyIds ?? []) {
      waits.push(
        this.add({
          id: `${address}:delete-access-key:${accessKeyId}`,
          address,
          action: 'delete',
          mutation: 'deleteAccessKey',
          variables: { userName: user.name, accessKeyId },
          description: `delete access key \`${accessKeyId}\``,
          phase: PHASES.revocations,
        }),
      );
    }
    for (const serialNumber of credentials?.mfaSerialNumbers ?? []) {
      const deactivate = this.add({
        id: `${address}:deactivate-mfa:${serialNumber}`,
        address,
        action: 'delete',
        mutation: 'deactivateMfaDevice',
        variables: { userName: user.name, serialNumber },
        description: `deactivate MFA device \`${serialNumber}\``,
        phase: PHASES.revocations,
      });
      waits.push(
        deactivate,
        this.add({
          id: `${address}:delete-mfa:${serialNumber}`,
          address,
          action: 'delete',
          mutation: 'deleteVirtualMfaDevice',
          variables: { serialNumber },
          description: `delete MFA device \`${serialNumber}\``,
          phase: PHASES.revocations,
          dependsOn: [deactivate],
        }),
      );
    }
    this.add({
      id: `${address}:delete`,
      address,
      action: 'delete',
      mutation: 'deleteUser',
      variables: { userName: user.name },
      description: `delete user \`${user.name}\``,
      phase: PHASES.deletePrincipals,
      dependsOn: waits,
    });
  }

  // ---- roles ----

  private diffRoles(desired: readonly RoleState[], live: readonly RoleState[]): void {
    const liveByName = byName(live);
    const liveLower = new Map(live.map((r) => [r.name.toLowerCase(), r]));
    for (const role of desired) {
      const address = `role/${role.name}`;
      const current = liveByName.get(role.name);
      if (current === undefined) {
        const other = liveLower.get(role.name.toLowerCase());
        if (other !== undefined) {
          this.errors.push(
            `role \`${role.name}\` differs only in case from the live \`${other.name}\`: IAM cannot rename roles`,
          );
          continue;
        }
        const id = this.add({
          id: `${address}:create`,
          address,
          action: 'create',
          mutation: 'createRole',
          variables: {
            roleName: role.name,
            path: role.path,
            assumeRolePolicyDocument: JSON.stringify(role.trustPolicy),
            ...(role.description === '' ? {} : { description: role.description }),
            maxSessionDuration: role.maxSessionDuration,
            ...(role.permissionsBoundary === undefined
              ? {}
              : { permissionsBoundary: role.permissionsBoundary }),
            ...(Object.keys(role.tags).length === 0 ? {} : { tags: tagList(role.tags) }),
          },
          description: `create role \`${role.name}\``,
          phase: PHASES.principals,
          dependsOn: [this.policyDependency(role.permissionsBoundary)],
          accountChanges: [
            {
              kind: 'CreateRole',
              role: {
                name: role.name,
                path: role.path,
                trustPolicy: role.trustPolicy,
                tags: role.tags,
                ...(role.permissionsBoundary === undefined
                  ? {}
                  : { permissionsBoundary: role.permissionsBoundary }),
              },
            },
          ],
        });
        this.created.set(address, id);
        this.field(address, 'create', { field: 'trustPolicy', after: role.trustPolicy });
        this.diffHolder('role', undefined, role, 'create', id);
        continue;
      }
      if (current.path !== role.path) {
        this.warnings.push(
          `role \`${role.name}\`: the path cannot change in place (\`${current.path}\` → \`${role.path}\`); not applied`,
        );
      }
      if (
        current.description !== role.description ||
        current.maxSessionDuration !== role.maxSessionDuration
      ) {
        if (current.description !== role.description) {
          this.field(address, 'update', {
            field: 'description',
            before: current.description,
            after: role.description,
          });
        }
        if (current.maxSessionDuration !== role.maxSessionDuration) {
          this.field(address, 'update', {
            field: 'maxSessionDuration',
            before: current.maxSessionDuration,
            after: role.maxSessionDuration,
          });
        }
        this.add({
          id: `${address}:update`,
          address,
          action: 'update',
          mutation: 'updateRole',
          variables: {
            roleName: role.name,
            description: role.description,
            maxSessionDuration: role.maxSessionDuration,
          },
          description: 'update the description and maximum session duration',
          phase: PHASES.principals,
        });
      }
      if (!sameJson(current.trustPolicy, role.trustPolicy)) {
        this.field(address, 'update', {
          field: 'trustPolicy',
          before: current.trustPolicy,
          after: role.trustPolicy,
        });
        this.add({
          id: `${address}:trust`,
          address,
          action: 'update',
          mutation: 'updateAssumeRolePolicy',
          variables: { roleName: role.name, policyDocument: JSON.stringify(role.trustPolicy) },
          description: 'replace the trust policy',
          phase: PHASES.principals,
          accountChanges: [
            { kind: 'UpdateTrustPolicy', roleName: role.name, document: role.trustPolicy },
          ],
        });
      }
      this.diffTags(
        address,
        current.tags,
        role.tags,
        'Role',
        { roleName: role.name },
        PHASES.principals,
      );
      this.diffBoundary(
        'role',
        role.name,
        current.permissionsBoundary,
        role.permissionsBoundary,
        undefined,
      );
      this.diffHolder('role', current, role, 'update', undefined);
    }
    const wanted = new Set(desired.map((r) => r.name.toLowerCase()));
    for (const role of live) {
      if (wanted.has(role.name.toLowerCase()) || this.ignore.ignores('role', role.name)) continue;
      const address = `role/${role.name}`;
      this.field(address, 'delete', { field: 'role', before: role.arn });
      const waits: string[] = [];
      for (const name of Object.keys(role.inlinePolicies)) {
        waits.push(this.deleteInline('role', role.name, name, address, 'delete'));
      }
      for (const arn of role.policies)
        waits.push(this.detach('role', role.name, arn, address, 'delete'));
      this.add({
        id: `${address}:delete`,
        address,
        action: 'delete',
        mutation: 'deleteRole',
        variables: { roleName: role.name },
        description: `delete role \`${role.name}\``,
        phase: PHASES.deletePrincipals,
        dependsOn: waits,
      });
    }
  }

  // ---- approval rules ----

  private diffApprovalRules(): void {
    const wanted = this.input.desired.approvalRules;
    const current = this.input.live.approvalRules;
    if (wanted === undefined || wanted === null || wanted === 'unsupported') return;
    if (current === 'unsupported' || current === undefined) {
      this.warnings.push(
        `\`${wanted.fileName}\` is not applied: the gateway has no approvals API (\`updateApprovalRules\`) yet`,
      );
      return;
    }
    if (current !== null && current.digest === wanted.digest) return;
    const address = 'approval-rules';
    const action: ChangeAction = current === null ? 'create' : 'update';
    this.field(address, action, {
      field: 'digest',
      before: current?.digest,
      after: wanted.digest,
    });
    this.add({
      id: `${address}:publish`,
      address,
      action,
      mutation: 'updateApprovalRules',
      variables: { source: wanted.source ?? '', fileName: wanted.fileName },
      description: `publish \`${wanted.fileName}\``,
      phase: PHASES.approvalRules,
    });
  }
}
