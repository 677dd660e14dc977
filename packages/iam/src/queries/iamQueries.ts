import type pg from 'pg';
import type { PasswordPolicy } from '../credentials/passwordPolicy.js';
import type { PolicyEntityType, PolicyUsage } from '../managedPolicy/events.js';
import type { SessionKind } from '../session/events.js';
import { invalidInput, noSuchEntity, IamError } from '../shared/iamError.js';
import type { Tag } from '../shared/tags.js';
import { PATH } from '../shared/validation.js';
import {
  decodeCursor,
  pageSize,
  toConnection,
  type Connection,
  type PageArgs,
} from './connection.js';

/** The account as the read model shows it. */
export interface AccountInfo {
  readonly accountId: string;
  readonly rootEmail: string;
  readonly supportPlan: string;
  readonly passwordPolicy: PasswordPolicy | null;
  readonly rootMfaEnabled: boolean;
  readonly createDate: string;
}

export interface UserInfo {
  readonly userId: string;
  readonly userName: string;
  readonly path: string;
  readonly arn: string;
  readonly permissionsBoundaryArn: string | null;
  readonly tags: readonly Tag[];
  readonly hasPassword: boolean;
  readonly passwordResetRequired: boolean;
  readonly passwordChangedAt: string | null;
  readonly createDate: string;
}

export interface GroupInfo {
  readonly groupId: string;
  readonly groupName: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: string;
}

export interface RoleInfo {
  readonly roleId: string;
  readonly roleName: string;
  readonly path: string;
  readonly arn: string;
  readonly assumeRolePolicyDocument: string;
  readonly description: string | null;
  readonly maxSessionDuration: number;
  readonly permissionsBoundaryArn: string | null;
  readonly tags: readonly Tag[];
  readonly createDate: string;
}

export interface PolicyInfo {
  readonly policyId: string;
  readonly policyName: string;
  readonly path: string;
  readonly arn: string;
  readonly description: string | null;
  readonly defaultVersionId: string;
  readonly attachmentCount: number;
  readonly permissionsBoundaryUsageCount: number;
  readonly tags: readonly Tag[];
  readonly createDate: string;
  readonly updateDate: string;
}

export interface PolicyVersionInfo {
  readonly versionId: string;
  readonly document: string;
  readonly isDefaultVersion: boolean;
  readonly createDate: string;
}

/** A managed policy used by an entity. */
export interface AttachedPolicy {
  readonly policyName: string;
  readonly policyArn: string;
}

/** An entity using a managed policy. */
export interface PolicyEntity {
  readonly entityType: PolicyEntityType;
  readonly entityId: string;
  readonly entityName: string;
  readonly usage: PolicyUsage;
}

export interface InlinePolicyInfo {
  readonly policyName: string;
  readonly policyDocument: string;
}

export interface AccessKeyInfo {
  readonly accessKeyId: string;
  readonly userName: string;
  readonly status: 'Active' | 'Inactive';
  readonly createDate: string;
  readonly lastUsedDate: string | null;
}

export interface MfaDeviceInfo {
  readonly serialNumber: string;
  readonly deviceName: string;
  readonly path: string;
  readonly userName: string | null;
  readonly assignedToRoot: boolean;
  readonly enableDate: string | null;
  readonly createDate: string;
}

export interface SessionInfo {
  readonly sessionId: string;
  readonly kind: SessionKind;
  readonly principalArn: string;
  readonly principalType: string;
  readonly originalPrincipalArn: string;
  readonly accessKeyId: string | null;
  readonly sourceIdentity: string | null;
  readonly mfaAuthenticated: boolean;
  readonly rootSignIn: boolean;
  readonly sourceIp: string | null;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly revokeReason: string | null;
}

type Row = Record<string, unknown>;
const iso = (value: unknown): string => (value as Date).toISOString();
const isoOrNull = (value: unknown): string | null => (value === null ? null : iso(value));
const str = (value: unknown): string => value as string;
const strOrNull = (value: unknown): string | null => (value === null ? null : (value as string));

function user(r: Row): UserInfo {
  return {
    userId: str(r.user_id),
    userName: str(r.user_name),
    path: str(r.path),
    arn: str(r.arn),
    permissionsBoundaryArn: strOrNull(r.permissions_boundary_arn),
    tags: r.tags as Tag[],
    hasPassword: r.has_password as boolean,
    passwordResetRequired: r.password_reset_required as boolean,
    passwordChangedAt: isoOrNull(r.password_changed_at),
    createDate: iso(r.created_at),
  };
}
function group(r: Row): GroupInfo {
  return {
    groupId: str(r.group_id),
    groupName: str(r.group_name),
    path: str(r.path),
    arn: str(r.arn),
    createDate: iso(r.created_at),
  };
}
function role(r: Row): RoleInfo {
  return {
    roleId: str(r.role_id),
    roleName: str(r.role_name),
    path: str(r.path),
    arn: str(r.arn),
    assumeRolePolicyDocument: str(r.assume_role_policy_document),
    description: strOrNull(r.description),
    maxSessionDuration: r.max_session_duration as number,
    permissionsBoundaryArn: strOrNull(r.permissions_boundary_arn),
    tags: r.tags as Tag[],
    createDate: iso(r.created_at),
  };
}
function policy(r: Row): PolicyInfo {
  return {
    policyId: str(r.policy_id),
    policyName: str(r.policy_name),
    path: str(r.path),
    arn: str(r.arn),
    description: strOrNull(r.description),
    defaultVersionId: str(r.default_version_id),
    attachmentCount: r.attachment_count as number,
    permissionsBoundaryUsageCount: r.permissions_boundary_usage_count as number,
    tags: r.tags as Tag[],
    createDate: iso(r.created_at),
    updateDate: iso(r.updated_at),
  };
}
function session(r: Row): SessionInfo {
  return {
    sessionId: str(r.session_id),
    kind: r.kind as SessionKind,
    principalArn: str(r.principal_arn),
    principalType: str(r.principal_type),
    originalPrincipalArn: str(r.original_principal_arn),
    accessKeyId: strOrNull(r.access_key_id),
    sourceIdentity: strOrNull(r.source_identity),
    mfaAuthenticated: r.mfa_authenticated as boolean,
    rootSignIn: r.root_sign_in as boolean,
    sourceIp: strOrNull(r.source_ip),
    issuedAt: iso(r.issued_at),
    expiresAt: iso(r.expires_at),
    revokedAt: isoOrNull(r.revoked_at),
    revokeReason: strOrNull(r.revoke_reason),
  };
}

function checkPathPrefix(prefix: string | undefined): string {
  if (prefix === undefined) return '/';
  if (prefix.length > 512 || !PATH.test(prefix))
    throw invalidInput('pathPrefix', 'must be `/` or start and end with `/`');
  return prefix;
}

/** Escapes LIKE wildcards so a path prefix matches literally. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const ENTITY_TABLE: Record<PolicyEntityType, { table: string; id: string; name: string }> = {
  User: { table: 'iam_users', id: 'user_id', name: 'user_name' },
  Group: { table: 'iam_groups', id: 'group_id', name: 'group_name' },
  Role: { table: 'iam_roles', id: 'role_id', name: 'role_name' },
};

/**
 * Typed reads of the IAM read models for the gateway: single entities by name
 * and Relay connections (keyset pagination on the lower-cased name and id, at
 * most 100 per page). Read models trail the log by the projection's lag; a
 * caller that needs its own write waits for the command's checkpoint first.
 */
export class IamQueries {
  readonly #db: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#db = pool;
  }

  async #rows(sql: string, params: unknown[]): Promise<Row[]> {
    return (await this.#db.query<Row>(sql, params)).rows;
  }

  async #page<T>(
    base: { select: string; where: string[]; params: unknown[] },
    keys: readonly [string, string],
    args: PageArgs,
    map: (row: Row) => T,
    descending = false,
  ): Promise<Connection<T>> {
    const first = pageSize(args);
    const where = [...base.where];
    const params = [...base.params];
    if (args.after !== undefined) {
      const [key, id] = decodeCursor(args.after, 2);
      params.push(key, id);
      where.push(
        `(${keys[0]}, ${keys[1]}) ${descending ? '<' : '>'} ($${params.length - 1}, $${params.length})`,
      );
    }
    params.push(first + 1);
    const order = descending ? 'DESC' : 'ASC';
    const sql = `${base.select} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${keys[0]} ${order}, ${keys[1]} ${order} LIMIT $${params.length}`;
    const rows = await this.#rows(sql, params);
    return toConnection(rows, first, (r) => [String(r.sort_key), String(r.sort_id)], map);
  }

  /** The row of a named entity's table whose name is `name` (case-insensitive), or null. */
  async #byName<T>(table: string, name: string, map: (row: Row) => T): Promise<T | null> {
    const rows = await this.#rows(`SELECT * FROM ${table} WHERE name_key = $1`, [
      name.toLowerCase(),
    ]);
    const r = rows[0];
    return r === undefined ? null : map(r);
  }

  /** The entities of `table` whose path starts with `pathPrefix` (and `where`), by name. */
  #underPath<T>(
    table: string,
    idColumn: string,
    pathPrefix: string | undefined,
    where: readonly string[],
    page: PageArgs,
    map: (row: Row) => T,
  ): Promise<Connection<T>> {
    return this.#page(
      {
        select: `SELECT *, name_key AS sort_key, ${idColumn} AS sort_id FROM ${table}`,
        where: ['path LIKE $1', ...where],
        params: [likePrefix(checkPathPrefix(pathPrefix))],
      },
      ['name_key', idColumn],
      page,
      map,
    );
  }

  async #entityId(type: PolicyEntityType, name: string): Promise<string> {
    const { table, id } = ENTITY_TABLE[type];
    const rows = await this.#rows(`SELECT ${id} AS id FROM ${table} WHERE name_key = $1`, [
      name.toLowerCase(),
    ]);
    const found = rows[0]?.id;
    if (typeof found !== 'string') throw noSuchEntity(type.toLowerCase(), name);
    return found;
  }

  /** The account. @throws IamError `ACCOUNT_NOT_BOOTSTRAPPED` */
  async getAccount(): Promise<AccountInfo> {
    const r = (await this.#rows('SELECT * FROM iam_account LIMIT 1', []))[0];
    if (r === undefined)
      throw new IamError('ACCOUNT_NOT_BOOTSTRAPPED', 'the account has not been created');
    return {
      accountId: str(r.account_id),
      rootEmail: str(r.root_email),
      supportPlan: str(r.support_plan),
      passwordPolicy: r.password_policy as PasswordPolicy | null,
      rootMfaEnabled: r.root_mfa_serial_number !== null,
      createDate: iso(r.created_at),
    };
  }

  /** A user by name (case-insensitive), or null. */
  async getUser(userName: string): Promise<UserInfo | null> {
    return this.#byName('iam_users', userName, user);
  }

  /** Users whose path starts with `pathPrefix`, by name. */
  listUsers(
    filter: { pathPrefix?: string } = {},
    page: PageArgs = {},
  ): Promise<Connection<UserInfo>> {
    return this.#underPath('iam_users', 'user_id', filter.pathPrefix, [], page, user);
  }

  /** A group by name (case-insensitive), or null. */
  async getGroup(groupName: string): Promise<GroupInfo | null> {
    return this.#byName('iam_groups', groupName, group);
  }

  /** Groups whose path starts with `pathPrefix`, by name. */
  listGroups(
    filter: { pathPrefix?: string } = {},
    page: PageArgs = {},
  ): Promise<Connection<GroupInfo>> {
    return this.#underPath('iam_groups', 'group_id', filter.pathPrefix, [], page, group);
  }

  /** The groups a user is in. @throws IamError `NO_SUCH_ENTITY` */
  async listGroupsForUser(userName: string, page: PageArgs = {}): Promise<Connection<GroupInfo>> {
    const userId = await this.#entityId('User', userName);
    return this.#page(
      {
        select:
          'SELECT g.*, g.name_key AS sort_key, g.group_id AS sort_id FROM iam_groups g JOIN iam_group_members m ON m.group_id = g.group_id',
        where: ['m.user_id = $1'],
        params: [userId],
      },
      ['g.name_key', 'g.group_id'],
      page,
      group,
    );
  }

  /** The members of a group (IAM's GetGroup users). @throws IamError `NO_SUCH_ENTITY` */
  async listGroupMembers(groupName: string, page: PageArgs = {}): Promise<Connection<UserInfo>> {
    const groupId = await this.#entityId('Group', groupName);
    return this.#page(
      {
        select:
          'SELECT u.*, u.name_key AS sort_key, u.user_id AS sort_id FROM iam_users u JOIN iam_group_members m ON m.user_id = u.user_id',
        where: ['m.group_id = $1'],
        params: [groupId],
      },
      ['u.name_key', 'u.user_id'],
      page,
      user,
    );
  }

  /** A role by name (case-insensitive), or null. */
  async getRole(roleName: string): Promise<RoleInfo | null> {
    return this.#byName('iam_roles', roleName, role);
  }

  /** Roles whose path starts with `pathPrefix`, by name. */
  listRoles(
    filter: { pathPrefix?: string } = {},
    page: PageArgs = {},
  ): Promise<Connection<RoleInfo>> {
    return this.#underPath('iam_roles', 'role_id', filter.pathPrefix, [], page, role);
  }

  async getPolicy(policyArn: string): Promise<PolicyInfo | null> {
    const r = (
      await this.#rows('SELECT * FROM iam_managed_policies WHERE arn = $1', [policyArn])
    )[0];
    return r === undefined ? null : policy(r);
  }

  /** Managed policies; `onlyAttached` keeps those attached somewhere (IAM's OnlyAttached). */
  listPolicies(
    filter: { pathPrefix?: string; onlyAttached?: boolean } = {},
    page: PageArgs = {},
  ): Promise<Connection<PolicyInfo>> {
    return this.#underPath(
      'iam_managed_policies',
      'policy_id',
      filter.pathPrefix,
      filter.onlyAttached === true ? ['attachment_count > 0'] : [],
      page,
      policy,
    );
  }

  /** All versions of a policy (at most five), newest first. @throws IamError `NO_SUCH_ENTITY` */
  async listPolicyVersions(policyArn: string): Promise<PolicyVersionInfo[]> {
    const found = await this.getPolicy(policyArn);
    if (found === null) throw noSuchEntity('policy', policyArn);
    const rows = await this.#rows(
      'SELECT * FROM iam_policy_versions WHERE policy_id = $1 ORDER BY number DESC',
      [found.policyId],
    );
    return rows.map((r) => ({
      versionId: str(r.version_id),
      document: str(r.document),
      isDefaultVersion: r.is_default as boolean,
      createDate: iso(r.created_at),
    }));
  }

  async getPolicyVersion(policyArn: string, versionId: string): Promise<PolicyVersionInfo | null> {
    return (
      (await this.listPolicyVersions(policyArn)).find((v) => v.versionId === versionId) ?? null
    );
  }

  /** Managed policies attached to a user, group or role. @throws IamError `NO_SUCH_ENTITY` */
  async listAttachedPolicies(
    entityType: PolicyEntityType,
    entityName: string,
    page: PageArgs = {},
  ): Promise<Connection<AttachedPolicy>> {
    const entityId = await this.#entityId(entityType, entityName);
    return this.#page(
      {
        select: `SELECT p.policy_name, p.arn, p.name_key AS sort_key, p.policy_id AS sort_id
                   FROM iam_managed_policies p JOIN iam_policy_attachments a ON a.policy_id = p.policy_id`,
        where: ['a.entity_id = $1', "a.usage = 'PermissionsPolicy'"],
        params: [entityId],
      },
      ['p.name_key', 'p.policy_id'],
      page,
      (r) => ({ policyName: str(r.policy_name), policyArn: str(r.arn) }),
    );
  }

  /** Who uses a policy (IAM's ListEntitiesForPolicy). @throws IamError `NO_SUCH_ENTITY` */
  async listEntitiesForPolicy(
    policyArn: string,
    filter: { entityType?: PolicyEntityType; usage?: PolicyUsage } = {},
    page: PageArgs = {},
  ): Promise<Connection<PolicyEntity>> {
    const found = await this.getPolicy(policyArn);
    if (found === null) throw noSuchEntity('policy', policyArn);
    const where = ['a.policy_id = $1'];
    const params: unknown[] = [found.policyId];
    if (filter.entityType !== undefined) {
      params.push(filter.entityType);
      where.push(`a.entity_type = $${params.length}`);
    }
    if (filter.usage !== undefined) {
      params.push(filter.usage);
      where.push(`a.usage = $${params.length}`);
    }
    return this.#page(
      {
        select: `SELECT a.entity_type, a.entity_id, a.usage,
                        COALESCE(u.user_name, g.group_name, r.role_name) AS entity_name,
                        a.entity_id || ':' || a.usage AS sort_key, a.entity_id AS sort_id
                   FROM iam_policy_attachments a
                   LEFT JOIN iam_users u ON a.entity_type = 'User' AND u.user_id = a.entity_id
                   LEFT JOIN iam_groups g ON a.entity_type = 'Group' AND g.group_id = a.entity_id
                   LEFT JOIN iam_roles r ON a.entity_type = 'Role' AND r.role_id = a.entity_id`,
        where,
        params,
      },
      ["(a.entity_id || ':' || a.usage)", 'a.entity_id'],
      page,
      (r) => ({
        entityType: r.entity_type as PolicyEntityType,
        entityId: str(r.entity_id),
        entityName: str(r.entity_name),
        usage: r.usage as PolicyUsage,
      }),
    );
  }

  /** Inline policies of a user, group or role, by name. @throws IamError `NO_SUCH_ENTITY` */
  async listInlinePolicies(
    entityType: PolicyEntityType,
    entityName: string,
    page: PageArgs = {},
  ): Promise<Connection<InlinePolicyInfo>> {
    const entityId = await this.#entityId(entityType, entityName);
    return this.#page(
      {
        select:
          'SELECT policy_name, document, policy_name AS sort_key, entity_id AS sort_id FROM iam_inline_policies',
        where: ['entity_id = $1'],
        params: [entityId],
      },
      ['policy_name', 'entity_id'],
      page,
      (r) => ({ policyName: str(r.policy_name), policyDocument: str(r.document) }),
    );
  }

  /** A user's access keys (metadata and last use; never secrets). @throws IamError `NO_SUCH_ENTITY` */
  async listAccessKeys(userName: string): Promise<AccessKeyInfo[]> {
    const userId = await this.#entityId('User', userName);
    const rows = await this.#rows(
      `SELECT k.*, u.user_name, l.last_used_at FROM iam_access_keys k
         JOIN iam_users u ON u.user_id = k.user_id
         LEFT JOIN credential_last_used l ON l.credential_id = k.access_key_id
        WHERE k.user_id = $1 ORDER BY k.created_at, k.access_key_id`,
      [userId],
    );
    return rows.map((r) => ({
      accessKeyId: str(r.access_key_id),
      userName: str(r.user_name),
      status: r.status as 'Active' | 'Inactive',
      createDate: iso(r.created_at),
      lastUsedDate: isoOrNull(r.last_used_at),
    }));
  }

  /** Virtual MFA devices by assignment (IAM's ListVirtualMFADevices). */
  listMfaDevices(
    filter: { assignmentStatus?: 'Assigned' | 'Unassigned' | 'Any'; userName?: string } = {},
    page: PageArgs = {},
  ): Promise<Connection<MfaDeviceInfo>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.assignmentStatus === 'Assigned')
      where.push('(d.user_id IS NOT NULL OR d.assigned_to_root)');
    if (filter.assignmentStatus === 'Unassigned')
      where.push('(d.user_id IS NULL AND NOT d.assigned_to_root)');
    if (filter.userName !== undefined) {
      params.push(filter.userName.toLowerCase());
      where.push(`u.name_key = $${params.length}`);
    }
    return this.#page(
      {
        select: `SELECT d.*, u.user_name, d.name_key AS sort_key, d.device_id AS sort_id
                   FROM iam_mfa_devices d LEFT JOIN iam_users u ON u.user_id = d.user_id`,
        where,
        params,
      },
      ['d.name_key', 'd.device_id'],
      page,
      (r) => ({
        serialNumber: str(r.serial_number),
        deviceName: str(r.device_name),
        path: str(r.path),
        userName: strOrNull(r.user_name),
        assignedToRoot: r.assigned_to_root as boolean,
        enableDate: isoOrNull(r.enabled_at),
        createDate: iso(r.created_at),
      }),
    );
  }

  /** Sessions, newest first; `activeAt` keeps those neither expired nor revoked at that time. */
  listSessions(
    filter: { principalArn?: string; originalPrincipalArn?: string; activeAt?: Date } = {},
    page: PageArgs = {},
  ): Promise<Connection<SessionInfo>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.principalArn !== undefined) {
      params.push(filter.principalArn);
      where.push(`principal_arn = $${params.length}`);
    }
    if (filter.originalPrincipalArn !== undefined) {
      params.push(filter.originalPrincipalArn);
      where.push(`original_principal_arn = $${params.length}`);
    }
    if (filter.activeAt !== undefined) {
      params.push(filter.activeAt);
      where.push(`revoked_at IS NULL AND expires_at > $${params.length}`);
    }
    return this.#page(
      {
        select: `SELECT *, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS sort_key, session_id AS sort_id FROM iam_sessions`,
        where,
        params,
      },
      ["to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS')", 'session_id'],
      page,
      session,
      true,
    );
  }
}
