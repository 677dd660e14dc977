import type { IdGenerator } from './ids.js';
import type { Principal } from './principal.js';
import type { IamLimits } from './quotas.js';

/** The platform acting on its own (bootstrap, maintenance): never authorized by policy. */
export interface SystemActor {
  readonly principalType: 'System';
  readonly principalArn: 'system';
}

/** A caller that has not authenticated (only `SignIn` accepts it). */
export interface AnonymousActor {
  readonly principalType: 'Anonymous';
  readonly principalArn: 'anonymous';
}

/** Who is acting: an authenticated principal, the platform, or nobody yet. */
export type Actor = Principal | SystemActor | AnonymousActor;

export const SYSTEM_ACTOR: SystemActor = Object.freeze({
  principalType: 'System',
  principalArn: 'system',
});
export const ANONYMOUS_ACTOR: AnonymousActor = Object.freeze({
  principalType: 'Anonymous',
  principalArn: 'anonymous',
});

/** True for an authenticated principal. */
export function isPrincipal(actor: Actor): actor is Principal {
  return (
    actor.principalType === 'Root' ||
    actor.principalType === 'User' ||
    actor.principalType === 'AssumedRole'
  );
}

/** Everything about a request that the audit log keeps beside the change itself. */
export interface CommandContext {
  readonly actor: Actor;
  /** Shared by everything one request caused (at most 128 characters; a new UUID when absent). */
  readonly correlationId?: string | undefined;
  /** The event or command that caused this one, if any. */
  readonly causationId?: string | undefined;
  readonly sourceIp?: string | undefined;
  readonly userAgent?: string | undefined;
  /** Extra request context for policy conditions (e.g. `aws:SecureTransport`). */
  readonly requestContext?:
    Readonly<Record<string, string | readonly string[] | number | boolean>> | undefined;
}

/** What a pure decision may use besides the command and the states. */
export interface DecideContext {
  readonly now: Date;
  readonly accountId: string;
  readonly ids: IdGenerator;
  readonly limits: IamLimits;
  readonly actor: Actor;
}
