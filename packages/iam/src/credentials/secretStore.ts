/** What kind of secret a row holds (and so how `material` is to be read). */
export type SecretKind =
  /** argon2id PHC string of a user's or the root user's password. */
  | 'password'
  /** hex SHA-256 of a long-term secret access key. */
  | 'access_key'
  /** hex SHA-256 of a temporary secret access key. */
  | 'temporary_access_key'
  /** hex SHA-256 of a session token. */
  | 'session_token'
  /** AES-256-GCM sealed TOTP seed. */
  | 'totp_seed';

/**
 * A row of the insert-only `credential_secrets` table. Events carry only `id`;
 * the log, its exports and Kafka never see `material`.
 */
export interface SecretRecord {
  readonly id: string;
  readonly kind: SecretKind;
  readonly material: string;
}
