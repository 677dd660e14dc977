/**
 * @gatehouse/iam: the IAM domain. Users, groups, roles, managed and inline
 * policies, credentials, MFA and sessions as event-sourced aggregates
 * (decide/evolve) on `@gatehouse/event-store`, authorization with
 * `@gatehouse/policy`, and the read models the gateway lists from. See README.md.
 * @packageDocumentation
 */

export {
  IamService,
  type BootstrapConfig,
  type BootstrapResult,
  type IamServiceOptions,
} from './commandHandling/iamService.js';
export {
  parseCommand,
  COMMAND_SCHEMAS,
  COMMAND_TYPES,
  type CommandOf,
  type IamCommand,
} from './commandHandling/commands.js';
export type * from './commandHandling/results.js';
export type {
  IamStore,
  CommitRequest,
  CommitResult,
  EventPage,
  StreamAppend,
  StreamRead,
} from './commandHandling/iamStore.js';
export { StreamConflict } from './commandHandling/iamStore.js';
export type { SessionSettings } from './commandHandling/handlerEnv.js';

export {
  IamError,
  isIamError,
  type IamErrorCode,
  type IamErrorDetails,
} from './shared/iamError.js';
export {
  ANONYMOUS_ACTOR,
  SYSTEM_ACTOR,
  isPrincipal,
  type Actor,
  type CommandContext,
} from './shared/context.js';
export { ROOT_MFA_WARNING, ROOT_USAGE_WARNING, type Principal } from './shared/principal.js';
export { systemClock, type Clock } from './shared/clock.js';
export { ID_PREFIXES, randomIds, type IdGenerator, type IdKind } from './shared/ids.js';
export { DEFAULT_LIMITS, type IamLimits } from './shared/quotas.js';
export type { Tag } from './shared/tags.js';
export type { StoredEvent } from './shared/events.js';
export {
  PARTITION,
  assumedRoleArn,
  iamArn,
  parseIamArn,
  parsePrincipalArn,
  rootArn,
  serviceArn,
  type ParsedPrincipalArn,
  type PathEntityKind,
} from './shared/arn.js';
export {
  ACCOUNT_STREAM,
  IAM_STREAM_PREFIX,
  entityStream,
  nameStream,
  streamCategory,
} from './shared/streams.js';

export { AccountView, streamEvolver, type EntityStreamEvolver } from './permissions/accountView.js';
export { LiveAccountView, type LiveViewOptions } from './permissions/liveAccountView.js';
export type { AuthorizationResult, AuthorizeRequest } from './permissions/authorize.js';
export { authorizeWith, policiesOf } from './permissions/authorize.js';
export {
  inlinePolicyName,
  type PrincipalPolicies,
} from './permissions/resolvePrincipalPolicies.js';
export type { StateLookup } from './permissions/stateLookup.js';

export {
  argon2idHasher,
  OWASP_ARGON2ID,
  type Argon2Parameters,
  type PasswordHasher,
} from './credentials/passwordHasher.js';
export { SecretBox, secretsKeyFromEnv } from './credentials/secretBox.js';
export type { PasswordPolicy } from './credentials/passwordPolicy.js';
export type { SecretKind, SecretRecord } from './credentials/secretStore.js';
export { totpCode, totpStep, TOTP_PERIOD_SECONDS } from './credentials/totp.js';

export type { AccountEvent } from './account/events.js';
export type { UserEvent } from './user/events.js';
export type { GroupEvent } from './group/events.js';
export type { RoleEvent } from './role/events.js';
export type { ManagedPolicyEvent } from './managedPolicy/events.js';
export type { MfaDeviceEvent } from './mfaDevice/events.js';
export type { SessionEvent } from './session/events.js';
export type { NameEvent } from './names/events.js';

export { PostgresIamStore, type PostgresIamStoreOptions } from './postgres/postgresIamStore.js';
export {
  createIamReadModelProjection,
  projectIamEvents,
  resetIamReadModels,
  IAM_READ_MODELS_CONSUMER,
  IAM_READ_MODEL_TABLES,
} from './projections/iamReadModels.js';
export {
  IamQueries,
  type AccessKeyInfo,
  type AccountInfo,
  type AttachedPolicy,
  type GroupInfo,
  type InlinePolicyInfo,
  type MfaDeviceInfo,
  type PolicyEntity,
  type PolicyInfo,
  type PolicyVersionInfo,
  type RoleInfo,
  type SessionInfo,
  type UserInfo,
} from './queries/iamQueries.js';
export { MAX_PAGE_SIZE, type Connection, type PageArgs } from './queries/connection.js';
