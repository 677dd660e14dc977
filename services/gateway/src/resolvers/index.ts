import { AccountResolver } from './AccountResolver.js';
import { AuditResolver } from './AuditResolver.js';
import { CredentialResolver } from './CredentialResolver.js';
import { DecisionResolver } from './DecisionResolver.js';
import { GroupResolver } from './GroupResolver.js';
import { IdentityPolicyResolver } from './IdentityPolicyResolver.js';
import { ManagedPolicyResolver } from './ManagedPolicyResolver.js';
import { MfaResolver } from './MfaResolver.js';
import { PolicyToolsResolver } from './PolicyToolsResolver.js';
import { RoleResolver } from './RoleResolver.js';
import { ServiceInfoResolver } from './ServiceInfoResolver.js';
import { SessionResolver } from './SessionResolver.js';
import { SubscriptionResolver } from './SubscriptionResolver.js';
import { UserResolver } from './UserResolver.js';
import { WorkflowResolver } from './WorkflowResolver.js';

/** Every resolver class of the schema. */
export const RESOLVERS = [
  ServiceInfoResolver,
  SessionResolver,
  AccountResolver,
  UserResolver,
  GroupResolver,
  RoleResolver,
  ManagedPolicyResolver,
  IdentityPolicyResolver,
  CredentialResolver,
  MfaResolver,
  PolicyToolsResolver,
  DecisionResolver,
  AuditResolver,
  WorkflowResolver,
  SubscriptionResolver,
] as const;
