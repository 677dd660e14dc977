import type {
  EventConsumer,
  EventStore,
  ProjectionOptions,
  RecordedEvent,
} from '@gatehouse/event-store';
import type pg from 'pg';
import type { AccountEvent } from '../account/events.js';
import { GROUP_POLICY_HOLDER, type GroupEvent } from '../group/events.js';
import type { ManagedPolicyEvent } from '../managedPolicy/events.js';
import type { MfaDeviceEvent } from '../mfaDevice/events.js';
import { ROLE_POLICY_HOLDER, type RoleEvent } from '../role/events.js';
import type { SessionEvent } from '../session/events.js';
import {
  holderChange,
  isHolderEvent,
  type HolderChange,
  type HolderPrefix,
} from '../principals/policyHolder/events.js';
import { streamCategory } from '../shared/streams.js';
import { mergeTags, removeTags, type Tag } from '../shared/tags.js';
import { USER_POLICY_HOLDER, type UserEvent } from '../user/events.js';

/** The consumer id (checkpoint and lock) of the IAM read models. */
export const IAM_READ_MODELS_CONSUMER = 'iam-read-models';

/** Every read-model table, emptied by a rebuild. */
export const IAM_READ_MODEL_TABLES = [
  'iam_account',
  'iam_users',
  'iam_groups',
  'iam_group_members',
  'iam_roles',
  'iam_managed_policies',
  'iam_policy_versions',
  'iam_policy_attachments',
  'iam_inline_policies',
  'iam_access_keys',
  'iam_mfa_devices',
  'iam_sessions',
] as const;

type Db = pg.ClientBase;

async function updateTags(
  db: Db,
  table: string,
  idColumn: string,
  id: string,
  change: (tags: Tag[]) => Tag[],
): Promise<void> {
  const { rows } = await db.query<{ tags: Tag[] }>(
    `SELECT tags FROM ${table} WHERE ${idColumn} = $1 FOR UPDATE`,
    [id],
  );
  const current = rows[0]?.tags;
  if (current === undefined) return;
  await db.query(`UPDATE ${table} SET tags = $2::jsonb WHERE ${idColumn} = $1`, [
    id,
    JSON.stringify(change(current)),
  ]);
}

async function recountPolicy(db: Db, policyId: string): Promise<void> {
  await db.query(
    `UPDATE iam_managed_policies SET
       attachment_count = (SELECT count(*) FROM iam_policy_attachments WHERE policy_id = $1 AND usage = 'PermissionsPolicy'),
       permissions_boundary_usage_count = (SELECT count(*) FROM iam_policy_attachments WHERE policy_id = $1 AND usage = 'PermissionsBoundary')
     WHERE policy_id = $1`,
    [policyId],
  );
}

/** Where a user's, group's or role's read model lives. */
interface HolderRows {
  readonly table: 'iam_users' | 'iam_groups' | 'iam_roles';
  readonly idColumn: 'user_id' | 'group_id' | 'role_id';
  /** Its name column (renames), beside `name_key`. */
  readonly nameColumn: 'user_name' | 'group_name' | 'role_name';
  /** `entity_type` of its rows in `iam_inline_policies`. */
  readonly entityType: HolderPrefix;
}

const USER_ROWS: HolderRows = {
  table: 'iam_users',
  idColumn: 'user_id',
  nameColumn: 'user_name',
  entityType: 'User',
};
const GROUP_ROWS: HolderRows = {
  table: 'iam_groups',
  idColumn: 'group_id',
  nameColumn: 'group_name',
  entityType: 'Group',
};
const ROLE_ROWS: HolderRows = {
  table: 'iam_roles',
  idColumn: 'role_id',
  nameColumn: 'role_name',
  entityType: 'Role',
};

/**
 * A policy-holder fact of a user, group or role: inline policies in
 * `iam_inline_policies`, the boundary and tags in the holder's row.
 * Attachments are read from the managed policy's side (`PolicyAttached`).
 */
async function projectHolderChange(
  db: Db,
  rows: HolderRows,
  id: string,
  change: HolderChange,
  at: Date,
): Promise<void> {
  switch (change.fact) {
    case 'PolicyPut':
      await db.query(
        `INSERT INTO iam_inline_policies (entity_type, entity_id, policy_name, document, size, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (entity_id, policy_name) DO UPDATE SET document = EXCLUDED.document, size = EXCLUDED.size, updated_at = EXCLUDED.updated_at`,
        [
          rows.entityType,
          id,
          change.data.policyName,
          change.data.policyDocument,
          change.data.size,
          at,
        ],
      );
      return;
    case 'PolicyDeleted':
      await db.query('DELETE FROM iam_inline_policies WHERE entity_id = $1 AND policy_name = $2', [
        id,
        change.data.policyName,
      ]);
      return;
    case 'PermissionsBoundaryPut':
    case 'PermissionsBoundaryDeleted': {
      const arn = change.fact === 'PermissionsBoundaryPut' ? change.data.policyArn : null;
      await db.query(
        `UPDATE ${rows.table} SET permissions_boundary_arn = $2 WHERE ${rows.idColumn} = $1`,
        [id, arn],
      );
      return;
    }
    case 'Tagged':
      await updateTags(db, rows.table, rows.idColumn, id, (tags) =>
        mergeTags(tags, change.data.tags),
      );
      return;
    case 'Untagged':
      await updateTags(db, rows.table, rows.idColumn, id, (tags) =>
        removeTags(tags, change.data.tagKeys),
      );
      return;
    case 'PolicyAttached':
    case 'PolicyDetached':
      return;
  }
}

/** A renamed or moved user or group. */
async function renameHolder(
  db: Db,
  rows: HolderRows,
  id: string,
  name: string,
  moved: { readonly path: string; readonly arn: string },
): Promise<void> {
  await db.query(
    `UPDATE ${rows.table} SET ${rows.nameColumn} = $2, name_key = $3, path = $4, arn = $5 WHERE ${rows.idColumn} = $1`,
    [id, name, name.toLowerCase(), moved.path, moved.arn],
  );
}

/** A deleted user, group or role: its row and its inline policies. */
async function deleteHolder(db: Db, rows: HolderRows, id: string): Promise<void> {
  await db.query(`DELETE FROM ${rows.table} WHERE ${rows.idColumn} = $1`, [id]);
  await db.query('DELETE FROM iam_inline_policies WHERE entity_type = $1 AND entity_id = $2', [
    rows.entityType,
    id,
  ]);
}

async function account(db: Db, event: AccountEvent, at: Date): Promise<void> {
  switch (event.type) {
    case 'AccountCreated':
      await db.query(
        'INSERT INTO iam_account (account_id, root_email, support_plan, created_at) VALUES ($1, $2, $3, $4)',
        [event.data.accountId, event.data.rootEmail, event.data.supportPlan, at],
      );
      return;
    case 'RootPasswordChanged':
      await db.query('UPDATE iam_account SET root_password_changed_at = $1', [at]);
      return;
    case 'RootEmailChanged':
      await db.query('UPDATE iam_account SET root_email = $1', [event.data.rootEmail]);
      return;
    case 'SupportPlanChanged':
      await db.query('UPDATE iam_account SET support_plan = $1', [event.data.supportPlan]);
      return;
    case 'AccountPasswordPolicyUpdated':
      await db.query('UPDATE iam_account SET password_policy = $1::jsonb', [
        JSON.stringify(event.data.passwordPolicy),
      ]);
      return;
    case 'AccountPasswordPolicyDeleted':
      await db.query('UPDATE iam_account SET password_policy = NULL');
      return;
    case 'RootMFADeviceEnabled':
      await db.query('UPDATE iam_account SET root_mfa_serial_number = $1', [
        event.data.serialNumber,
      ]);
      return;
    case 'RootMFADeviceDeactivated':
      await db.query('UPDATE iam_account SET root_mfa_serial_number = NULL');
      return;
  }
}

async function user(db: Db, event: UserEvent, at: Date): Promise<void> {
  const id = event.data.userId;
  if (isHolderEvent(USER_POLICY_HOLDER, event)) {
    await projectHolderChange(db, USER_ROWS, id, holderChange(USER_POLICY_HOLDER, event), at);
    return;
  }
  switch (event.type) {
    case 'UserCreated':
      await db.query(
        `INSERT INTO iam_users (user_id, user_name, name_key, path, arn, permissions_boundary_arn, tags, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
        [
          id,
          event.data.userName,
          event.data.userName.toLowerCase(),
          event.data.path,
          event.data.arn,
          event.data.permissionsBoundary?.policyArn ?? null,
          JSON.stringify(event.data.tags),
          at,
        ],
      );
      return;
    case 'UserUpdated':
      await renameHolder(db, USER_ROWS, id, event.data.userName, event.data);
      return;
    case 'UserDeleted':
      await deleteHolder(db, USER_ROWS, id);
      await db.query('DELETE FROM iam_access_keys WHERE user_id = $1', [id]);
      return;
    case 'LoginProfileCreated':
      await db.query(
        'UPDATE iam_users SET has_password = TRUE, password_reset_required = $2, password_changed_at = $3 WHERE user_id = $1',
        [id, event.data.passwordResetRequired, at],
      );
      return;
    case 'LoginProfileUpdated':
      await db.query(
        `UPDATE iam_users SET password_reset_required = $2,
           password_changed_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE password_changed_at END WHERE user_id = $1`,
        [id, event.data.passwordResetRequired, event.data.secretId !== null, at],
      );
      return;
    case 'LoginProfileDeleted':
      await db.query(
        'UPDATE iam_users SET has_password = FALSE, password_reset_required = FALSE, password_changed_at = NULL WHERE user_id = $1',
        [id],
      );
      return;
    case 'UserPasswordChanged':
      await db.query(
        'UPDATE iam_users SET password_reset_required = FALSE, password_changed_at = $2 WHERE user_id = $1',
        [id, at],
      );
      return;
    case 'AccessKeyCreated':
      await db.query(
        "INSERT INTO iam_access_keys (access_key_id, user_id, status, created_at) VALUES ($1, $2, 'Active', $3)",
        [event.data.accessKeyId, id, at],
      );
      return;
    case 'AccessKeyUpdated':
      await db.query('UPDATE iam_access_keys SET status = $2 WHERE access_key_id = $1', [
        event.data.accessKeyId,
        event.data.status,
      ]);
      return;
    case 'AccessKeyDeleted':
      await db.query('DELETE FROM iam_access_keys WHERE access_key_id = $1', [
        event.data.accessKeyId,
      ]);
      return;
    // Recorded from the other side's stream (group members, devices).
    case 'UserAddedToGroup':
    case 'UserRemovedFromGroup':
    case 'UserMFADeviceEnabled':
    case 'UserMFADeviceDeactivated':
      return;
  }
}

async function group(db: Db, event: GroupEvent, at: Date): Promise<void> {
  const id = event.data.groupId;
  if (isHolderEvent(GROUP_POLICY_HOLDER, event)) {
    await projectHolderChange(db, GROUP_ROWS, id, holderChange(GROUP_POLICY_HOLDER, event), at);
    return;
  }
  switch (event.type) {
    case 'GroupCreated':
      await db.query(
        'INSERT INTO iam_groups (group_id, group_name, name_key, path, arn, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [
          id,
          event.data.groupName,
          event.data.groupName.toLowerCase(),
          event.data.path,
          event.data.arn,
          at,
        ],
      );
      return;
    case 'GroupUpdated':
      await renameHolder(db, GROUP_ROWS, id, event.data.groupName, event.data);
      return;
    case 'GroupDeleted':
      await deleteHolder(db, GROUP_ROWS, id);
      return;
    case 'GroupMemberAdded':
      await db.query(
        'INSERT INTO iam_group_members (group_id, user_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [id, event.data.userId, at],
      );
      return;
    case 'GroupMemberRemoved':
      await db.query('DELETE FROM iam_group_members WHERE group_id = $1 AND user_id = $2', [
        id,
        event.data.userId,
      ]);
      return;
  }
}

async function role(db: Db, event: RoleEvent, at: Date): Promise<void> {
  const id = event.data.roleId;
  if (isHolderEvent(ROLE_POLICY_HOLDER, event)) {
    await projectHolderChange(db, ROLE_ROWS, id, holderChange(ROLE_POLICY_HOLDER, event), at);
    return;
  }
  switch (event.type) {
    case 'RoleCreated':
      await db.query(
        `INSERT INTO iam_roles (role_id, role_name, name_key, path, arn, assume_role_policy_document, description,
           max_session_duration, permissions_boundary_arn, tags, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)`,
        [
          id,
          event.data.roleName,
          event.data.roleName.toLowerCase(),
          event.data.path,
          event.data.arn,
          event.data.assumeRolePolicyDocument,
          event.data.description,
          event.data.maxSessionDuration,
          event.data.permissionsBoundary?.policyArn ?? null,
          JSON.stringify(event.data.tags),
          at,
        ],
      );
      return;
    case 'RoleUpdated':
      await db.query(
        'UPDATE iam_roles SET description = $2, max_session_duration = $3 WHERE role_id = $1',
        [id, event.data.description, event.data.maxSessionDuration],
      );
      return;
    case 'AssumeRolePolicyUpdated':
      await db.query('UPDATE iam_roles SET assume_role_policy_document = $2 WHERE role_id = $1', [
        id,
        event.data.assumeRolePolicyDocument,
      ]);
      return;
    case 'RoleDeleted':
      await deleteHolder(db, ROLE_ROWS, id);
      return;
  }
}

async function policy(db: Db, event: ManagedPolicyEvent, at: Date): Promise<void> {
  const id = event.data.policyId;
  switch (event.type) {
    case 'PolicyCreated':
      await db.query(
        `INSERT INTO iam_managed_policies (policy_id, policy_name, name_key, path, arn, description, default_version_id, tags, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $9)`,
        [
          id,
          event.data.policyName,
          event.data.policyName.toLowerCase(),
          event.data.path,
          event.data.arn,
          event.data.description,
          event.data.versionId,
          JSON.stringify(event.data.tags),
          at,
        ],
      );
      await insertPolicyVersion(db, id, event.data, true, at);
      return;
    case 'PolicyVersionCreated':
      await insertPolicyVersion(db, id, event.data, false, at);
      if (event.data.setAsDefault) await setDefault(db, id, event.data.versionId);
      await touchPolicy(db, id, at);
      return;
    case 'DefaultPolicyVersionSet':
      await setDefault(db, id, event.data.versionId);
      await touchPolicy(db, id, at);
      return;
    case 'PolicyVersionDeleted':
      await db.query('DELETE FROM iam_policy_versions WHERE policy_id = $1 AND version_id = $2', [
        id,
        event.data.versionId,
      ]);
      await touchPolicy(db, id, at);
      return;
    case 'PolicyDeleted':
      await db.query('DELETE FROM iam_policy_versions WHERE policy_id = $1', [id]);
      await db.query('DELETE FROM iam_policy_attachments WHERE policy_id = $1', [id]);
      await db.query('DELETE FROM iam_managed_policies WHERE policy_id = $1', [id]);
      return;
    case 'PolicyTagged':
      await updateTags(db, 'iam_managed_policies', 'policy_id', id, (tags) =>
        mergeTags(tags, event.data.tags),
      );
      return;
    case 'PolicyUntagged':
      await updateTags(db, 'iam_managed_policies', 'policy_id', id, (tags) =>
        removeTags(tags, event.data.tagKeys),
      );
      return;
    case 'PolicyAttached':
      await db.query(
        `INSERT INTO iam_policy_attachments (policy_id, entity_type, entity_id, usage, attached_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [id, event.data.entityType, event.data.entityId, event.data.usage, at],
      );
      await recountPolicy(db, id);
      return;
    case 'PolicyDetached':
      await db.query(
        'DELETE FROM iam_policy_attachments WHERE policy_id = $1 AND entity_id = $2 AND usage = $3',
        [id, event.data.entityId, event.data.usage],
      );
      await recountPolicy(db, id);
      return;
  }
}

/** A new version row (its number is the one in its id: `v3` is 3). */
async function insertPolicyVersion(
  db: Db,
  policyId: string,
  version: { readonly versionId: string; readonly policyDocument: string },
  isDefault: boolean,
  at: Date,
): Promise<void> {
  await db.query(
    'INSERT INTO iam_policy_versions (policy_id, version_id, number, document, is_default, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      policyId,
      version.versionId,
      Number(version.versionId.slice(1)),
      version.policyDocument,
      isDefault,
      at,
    ],
  );
}

/** Records that a policy's versions changed (IAM's `UpdateDate`). */
async function touchPolicy(db: Db, policyId: string, at: Date): Promise<void> {
  await db.query('UPDATE iam_managed_policies SET updated_at = $2 WHERE policy_id = $1', [
    policyId,
    at,
  ]);
}

async function setDefault(db: Db, policyId: string, versionId: string): Promise<void> {
  await db.query(
    'UPDATE iam_policy_versions SET is_default = (version_id = $2) WHERE policy_id = $1',
    [policyId, versionId],
  );
  await db.query('UPDATE iam_managed_policies SET default_version_id = $2 WHERE policy_id = $1', [
    policyId,
    versionId,
  ]);
}

async function mfa(db: Db, event: MfaDeviceEvent, at: Date): Promise<void> {
  const id = event.data.deviceId;
  switch (event.type) {
    case 'VirtualMFADeviceCreated':
      await db.query(
        `INSERT INTO iam_mfa_devices (device_id, device_name, name_key, path, serial_number, tags, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
        [
          id,
          event.data.name,
          event.data.name.toLowerCase(),
          event.data.path,
          event.data.serialNumber,
          JSON.stringify(event.data.tags),
          at,
        ],
      );
      return;
    case 'MFADeviceEnabled': {
      const assignee = event.data.assignee;
      await db.query(
        'UPDATE iam_mfa_devices SET user_id = $2, assigned_to_root = $3, enabled_at = $4 WHERE device_id = $1',
        [id, assignee.type === 'User' ? assignee.userId : null, assignee.type === 'Root', at],
      );
      return;
    }
    case 'MFADeviceDeactivated':
      await db.query(
        'UPDATE iam_mfa_devices SET user_id = NULL, assigned_to_root = FALSE, enabled_at = NULL WHERE device_id = $1',
        [id],
      );
      return;
    case 'VirtualMFADeviceDeleted':
      await db.query('DELETE FROM iam_mfa_devices WHERE device_id = $1', [id]);
      return;
  }
}

async function session(db: Db, event: SessionEvent, at: Date): Promise<void> {
  switch (event.type) {
    case 'SessionStarted': {
      const d = event.data;
      await db.query(
        `INSERT INTO iam_sessions (session_id, kind, principal_arn, principal_type, user_id, role_id, access_key_id,
           original_principal_arn, source_identity, mfa_authenticated, root_sign_in, source_ip, issued_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          d.sessionId,
          d.kind,
          d.principalArn,
          d.principalType,
          d.userId,
          d.roleId,
          d.accessKeyId,
          d.originalPrincipalArn,
          d.sourceIdentity,
          d.mfaAuthenticated,
          d.rootSignIn,
          d.sourceIp,
          d.issuedAt,
          d.expiresAt,
        ],
      );
      return;
    }
    case 'SessionRevoked':
      await db.query(
        'UPDATE iam_sessions SET revoked_at = $2, revoke_reason = $3 WHERE session_id = $1 AND revoked_at IS NULL',
        [event.data.sessionId, at, event.data.reason],
      );
      return;
  }
}

/**
 * Applies a batch of events to the read models, inside the projection's
 * transaction (the checkpoint commits with it: each event takes effect once).
 * Events of other services' streams are skipped.
 */
export async function projectIamEvents(events: readonly RecordedEvent[], db: Db): Promise<void> {
  for (const event of events) {
    const at = event.occurredAt;
    const typed = { type: event.type, data: event.data } as never;
    switch (streamCategory(event.streamId)) {
      case 'account':
        await account(db, typed, at);
        break;
      case 'user':
        await user(db, typed, at);
        break;
      case 'group':
        await group(db, typed, at);
        break;
      case 'role':
        await role(db, typed, at);
        break;
      case 'policy':
        await policy(db, typed, at);
        break;
      case 'mfa':
        await mfa(db, typed, at);
        break;
      case 'session':
        await session(db, typed, at);
        break;
      case 'name':
      case undefined:
        break;
    }
  }
}

/** Empties every read model (a rebuild replays the log into them). */
export async function resetIamReadModels(db: Db): Promise<void> {
  await db.query(`TRUNCATE ${IAM_READ_MODEL_TABLES.join(', ')}`);
}

/**
 * The IAM read-model projection, run by the event store's projection runner
 * (exactly-once: each batch and its checkpoint commit together; `rebuild()`
 * empties the tables and replays the log). Start it in one process.
 */
export function createIamReadModelProjection(
  store: EventStore,
  options: Omit<ProjectionOptions, 'consumerId' | 'project' | 'reset'> & {
    readonly consumerId?: string;
  } = {},
): EventConsumer {
  return store.createProjection({
    ...options,
    consumerId: options.consumerId ?? IAM_READ_MODELS_CONSUMER,
    project: projectIamEvents,
    reset: resetIamReadModels,
  });
}
