/** How the CLI authenticates to the gateway. Secrets never leave this shape except as signatures or headers. */
export type Credentials =
  | {
      readonly kind: 'accessKey';
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      /** For temporary (`ASIA…`) credentials. */
      readonly sessionToken?: string | undefined;
    }
  | {
      readonly kind: 'session';
      /** A bearer session token from `signIn`. */
      readonly sessionToken: string;
      /** ISO time after which the session no longer works, when known. */
      readonly expiration?: string | undefined;
    }
  | { readonly kind: 'none' };

/** A short description of credentials that is safe to print (no secret). */
export function describeCredentials(credentials: Credentials): string {
  switch (credentials.kind) {
    case 'accessKey':
      return `access key ${credentials.accessKeyId}`;
    case 'session':
      return credentials.expiration === undefined
        ? 'session token'
        : `session token (expires ${credentials.expiration})`;
    case 'none':
      return 'no credentials';
  }
}
