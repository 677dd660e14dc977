import { CliError } from './cliError.js';
import type { Credentials } from '../gateway/credentials.js';
import { GatewayClient } from '../gateway/graphqlClient.js';
import type { InputStream } from '../auth/prompt.js';
import { profilePaths, ProfileStore } from '../auth/profileStore.js';
import { Terminal, type OutputStream } from '../output/terminal.js';

/** The process around the CLI (real streams, or test doubles). */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: InputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly fetch?: typeof fetch | undefined;
  readonly now?: (() => Date) | undefined;
}

/** Options every command takes (README, "Global options"). */
export interface GlobalOptions {
  readonly profile?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly output: 'text' | 'json';
  readonly color?: boolean | undefined;
  readonly quiet: boolean;
}

/** A connection to the gateway and where it came from. */
export interface Connection {
  readonly client: GatewayClient;
  readonly endpoint: string;
  readonly profile: string;
  readonly credentials: Credentials;
}

/** What a command runs with: the terminal, the global options and the way to the gateway. */
export class CliContext {
  readonly terminal: Terminal;

  constructor(
    readonly io: CliIo,
    readonly globals: GlobalOptions,
  ) {
    this.terminal = new Terminal({
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      color: globals.color,
      quiet: globals.quiet,
    });
  }

  /** `--output json`. */
  get json(): boolean {
    return this.globals.output === 'json';
  }

  /** The profile in use: `--profile`, else `GATEHOUSE_PROFILE`, else the hint, else `default`. */
  profileName(hint?: string): string {
    return this.globals.profile ?? this.io.env.GATEHOUSE_PROFILE ?? hint ?? 'default';
  }

  /** The profile files. */
  profiles(): ProfileStore {
    return new ProfileStore(profilePaths(this.io.env), (message) => {
      this.terminal.err(`${this.terminal.errColors.yellow('warning:')} ${message}`);
    });
  }

  /**
   * Connects to the gateway. Endpoint: `--endpoint`, `GATEHOUSE_ENDPOINT`, the profile's.
   * Credentials: `GATEHOUSE_ACCESS_KEY_ID` + `GATEHOUSE_SECRET_ACCESS_KEY` (+
   * `GATEHOUSE_SESSION_TOKEN`), or `GATEHOUSE_SESSION_TOKEN` alone (bearer), else the profile's.
   */
  async connect(profileHint?: string): Promise<Connection> {
    const env = this.io.env;
    const name = this.profileName(profileHint);
    const profile = await this.profiles().read(name);
    const endpoint = this.globals.endpoint ?? env.GATEHOUSE_ENDPOINT ?? profile?.endpoint;
    if (endpoint === undefined) {
      throw new CliError('CONFIG', `no gateway endpoint for profile \`${name}\``, {
        hint: `run \`gatehouse login --profile ${name} --endpoint <url>\`, or pass \`--endpoint\``,
      });
    }
    const credentials = this.credentials(name, profile);
    return {
      client: new GatewayClient({ endpoint, credentials, fetch: this.io.fetch, now: this.io.now }),
      endpoint,
      profile: name,
      credentials,
    };
  }

  private credentials(
    name: string,
    profile: Awaited<ReturnType<ProfileStore['read']>>,
  ): Credentials {
    const env = this.io.env;
    const keyId = env.GATEHOUSE_ACCESS_KEY_ID;
    const secret = env.GATEHOUSE_SECRET_ACCESS_KEY;
    if (keyId !== undefined && secret !== undefined) {
      return {
        kind: 'accessKey',
        accessKeyId: keyId,
        secretAccessKey: secret,
        sessionToken: env.GATEHOUSE_SESSION_TOKEN,
      };
    }
    if (env.GATEHOUSE_SESSION_TOKEN !== undefined) {
      return { kind: 'session', sessionToken: env.GATEHOUSE_SESSION_TOKEN };
    }
    if (profile?.accessKeyId !== undefined && profile.secretAccessKey !== undefined) {
      return {
        kind: 'accessKey',
        accessKeyId: profile.accessKeyId,
        secretAccessKey: profile.secretAccessKey,
        sessionToken: profile.sessionToken,
      };
    }
    if (profile?.sessionToken !== undefined) {
      const expiration = profile.sessionExpiration;
      const now = this.io.now?.() ?? new Date();
      if (expiration !== undefined && Date.parse(expiration) <= now.getTime()) {
        throw new CliError(
          'AUTHENTICATION',
          `the session of profile \`${name}\` expired at ${expiration}`,
          {
            hint: `run \`gatehouse login --profile ${name}\` again`,
          },
        );
      }
      return { kind: 'session', sessionToken: profile.sessionToken, expiration };
    }
    throw new CliError('AUTHENTICATION', `no credentials for profile \`${name}\``, {
      hint: `run \`gatehouse login --profile ${name}\`, or set GATEHOUSE_ACCESS_KEY_ID and GATEHOUSE_SECRET_ACCESS_KEY`,
    });
  }
}
