import type { PasswordHasher } from '../credentials/passwordHasher.js';
import type { SecretBox } from '../credentials/secretBox.js';
import type { CommandContext, DecideContext } from '../shared/context.js';
import type { CommandOf } from './commands.js';
import type { CommandTransaction } from './commandTransaction.js';
import type { IamStore } from './iamStore.js';
import type { CommandResults, CommandType } from './results.js';

/** Session lengths the service grants (seconds). */
export interface SessionSettings {
  /** Password sign-in sessions of users (default 12 h). */
  readonly signInSeconds: number;
  /** Password sign-in sessions of the root user (default 1 h). */
  readonly rootSignInSeconds: number;
}

/** What handlers use to check and make credentials. */
export interface CredentialServices {
  readonly passwords: PasswordHasher;
  readonly secretBox: SecretBox;
  readonly store: IamStore;
  /** Issuer shown in authenticator apps. */
  readonly mfaIssuer: string;
}

/** Everything one attempt at a command may use. */
export interface HandlerEnv {
  readonly tx: CommandTransaction;
  readonly ctx: DecideContext;
  readonly request: CommandContext;
  readonly credentials: CredentialServices;
  readonly sessions: SessionSettings;
  /**
   * Records the events under another actor than the caller's: a sign-in is
   * recorded as the principal that signed in (the caller was anonymous).
   */
  recordAs(principalArn: string, metadata: Readonly<Record<string, string | boolean | null>>): void;
}

/** Decides one command within a transaction and says what to return. */
export type Handler<T extends CommandType> = (
  command: CommandOf<T>,
  env: HandlerEnv,
) => Promise<CommandResults[T]>;

/** One handler per command. */
export type HandlerTable = { readonly [T in CommandType]: Handler<T> };
