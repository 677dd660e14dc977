import type { Command } from 'commander';
import { promptLine, promptSecret } from '../auth/prompt.js';
import { CliError } from '../cli/cliError.js';
import type { ContextFactory } from '../cli/commandSupport.js';
import { examples } from '../cli/commandSupport.js';
import type { CliContext } from '../cli/context.js';
import { EXIT_CODES, type ExitCode } from '../cli/exitCodes.js';
import { gatewayErrorOf, GatewayClient } from '../gateway/graphqlClient.js';
import { getCallerIdentity } from '../gateway/readLiveState.js';

interface LoginOptions {
  accessKeyId?: string;
  user?: string;
  rootEmail?: string;
  mfaCode?: string;
}

interface SignInResult {
  readonly sessionToken: string;
  readonly expiration: string;
  readonly rootSignIn: boolean;
  readonly passwordResetRequired: boolean;
  readonly warnings: readonly string[];
  readonly principal: { readonly arn: string; readonly account: string };
}

const SIGN_IN = `mutation SignIn($userName: String, $rootEmail: String, $password: String!, $code: String) {
  signIn(userName: $userName, rootEmail: $rootEmail, password: $password, authenticationCode: $code) {
    sessionToken expiration rootSignIn passwordResetRequired warnings principal { arn account }
  }
}`;

async function signIn(
  ctx: CliContext,
  endpoint: string,
  options: LoginOptions,
): Promise<SignInResult> {
  const password = await promptSecret('Password: ', ctx.io.stdin, ctx.io.stderr);
  if (password === '') throw new CliError('USAGE', 'no password given');
  const client = new GatewayClient({
    endpoint,
    credentials: { kind: 'none' },
    fetch: ctx.io.fetch,
    now: ctx.io.now,
  });
  const attempt = async (code: string | undefined) =>
    (
      await client.request<{ signIn: SignInResult }>(SIGN_IN, {
        userName: options.user,
        rootEmail: options.rootEmail,
        password,
        code,
      })
    ).signIn;
  try {
    return await attempt(options.mfaCode);
  } catch (error) {
    const reason = gatewayErrorOf(error)?.reason;
    if (reason === 'MFA_REQUIRED' && options.mfaCode === undefined && ctx.io.stdin.isTTY === true) {
      const code = await promptLine('MFA code: ', ctx.io.stdin, ctx.io.stderr);
      return attempt(code.trim());
    }
    if (reason === 'MFA_REQUIRED') {
      throw new CliError('AUTHENTICATION', 'this sign-in needs an MFA code', {
        hint: 'pass `--mfa-code <code>` (the current code of the MFA device)',
      });
    }
    throw error;
  }
}

/** `gatehouse login`: stores a profile (endpoint in config, secrets in credentials, both 0600). */
export function registerLogin(
  program: Command,
  context: ContextFactory,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('login')
    .summary('sign in and store a profile')
    .description(
      'Store a profile for the gateway, like `aws configure`: with an access key (the secret is asked for without echo, or read from standard input when it is not a terminal; it is never an argument, so it stays out of shell history) or by signing in with a password (plus an MFA code when the user has a device), which stores a session token and shows when it expires. The endpoint goes to ~/.gatehouse/config and the secrets to ~/.gatehouse/credentials, both readable by you only (0600); GATEHOUSE_CONFIG_FILE and GATEHOUSE_SHARED_CREDENTIALS_FILE move them. The credentials are checked with the gateway before they are stored.',
    )
    .option('--access-key-id <id>', 'sign requests with this access key (asks for its secret)')
    .option('--user <name>', 'sign in as this IAM user with a password')
    .option(
      '--root-email <email>',
      'sign in as the root user with a password (discouraged for everyday work)',
    )
    .option('--mfa-code <code>', 'the current MFA code, for password sign-in')
    .addHelpText(
      'after',
      examples(
        [
          'gatehouse login --endpoint http://127.0.0.1:4000 --access-key-id AKIA…',
          'default profile, access key',
        ],
        [
          'gatehouse login --profile prod --endpoint https://iam.example.com --user alice',
          'password sign-in',
        ],
        [
          'printf %s "$SECRET" | gatehouse login --access-key-id "$KEY_ID"',
          'in scripts: the secret on stdin',
        ],
      ),
    )
    .action(async (options: LoginOptions, command: Command) => {
      const ctx = context(command);
      const chosen = [options.accessKeyId, options.user, options.rootEmail].filter(
        (v) => v !== undefined,
      );
      if (chosen.length !== 1) {
        throw new CliError(
          'USAGE',
          'give exactly one of `--access-key-id`, `--user` or `--root-email`',
        );
      }
      const name = ctx.profileName();
      const store = ctx.profiles();
      const existing = await store.read(name);
      const endpoint = ctx.globals.endpoint ?? ctx.io.env.GATEHOUSE_ENDPOINT ?? existing?.endpoint;
      if (endpoint === undefined) {
        throw new CliError('USAGE', `no endpoint for profile \`${name}\``, {
          hint: 'pass `--endpoint <url>`',
        });
      }
      let principal: string;
      let account: string;
      let expiration: string | undefined;
      let warnings: readonly string[] = [];
      if (options.accessKeyId !== undefined) {
        const secret = (
          await promptSecret('Secret access key: ', ctx.io.stdin, ctx.io.stderr)
        ).trim();
        if (secret === '') throw new CliError('USAGE', 'no secret access key given');
        const client = new GatewayClient({
          endpoint,
          credentials: {
            kind: 'accessKey',
            accessKeyId: options.accessKeyId,
            secretAccessKey: secret,
          },
          fetch: ctx.io.fetch,
          now: ctx.io.now,
        });
        const identity = await getCallerIdentity(client);
        principal = identity.arn;
        account = identity.account;
        await store.write({
          name,
          endpoint,
          auth: 'access-key',
          principal,
          accessKeyId: options.accessKeyId,
          secretAccessKey: secret,
        });
      } else {
        const result = await signIn(ctx, endpoint, options);
        principal = result.principal.arn;
        account = result.principal.account;
        expiration = result.expiration;
        warnings = result.warnings;
        if (result.passwordResetRequired) {
          warnings = [...warnings, 'the password must be changed before anything else is allowed'];
        }
        await store.write({
          name,
          endpoint,
          auth: 'session',
          principal,
          sessionToken: result.sessionToken,
          sessionExpiration: result.expiration,
        });
      }
      if (ctx.json) {
        ctx.terminal.json({
          profile: name,
          endpoint,
          principal,
          account,
          ...(expiration === undefined ? {} : { expiration }),
          warnings,
        });
      } else {
        ctx.terminal.out(`Signed in to ${endpoint} as ${principal} (profile ${name}).`);
        if (expiration !== undefined) ctx.terminal.out(`The session expires at ${expiration}.`);
        ctx.terminal.out(
          ctx.terminal.colors.dim(
            `Credentials stored in ${store.paths.credentials} (readable by you only).`,
          ),
        );
        for (const warning of warnings)
          ctx.terminal.err(`${ctx.terminal.errColors.yellow('warning:')} ${warning}`);
      }
      setExit(EXIT_CODES.OK);
    });

  program
    .command('logout')
    .summary('forget the stored credentials of a profile')
    .description(
      "Remove the profile's secrets from the credentials file (ending the session first when it is one). The endpoint stays in the config file.",
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = context(command);
      const name = ctx.profileName();
      const store = ctx.profiles();
      const profile = await store.read(name);
      if (
        profile?.sessionToken !== undefined &&
        profile.accessKeyId === undefined &&
        profile.endpoint !== undefined
      ) {
        const client = new GatewayClient({
          endpoint: profile.endpoint,
          credentials: { kind: 'session', sessionToken: profile.sessionToken },
          fetch: ctx.io.fetch,
        });
        await client.request(`mutation { signOut { checkpoint } }`).catch(() => undefined);
      }
      const removed = await store.forgetSecrets(name);
      if (ctx.json) ctx.terminal.json({ profile: name, removed });
      else
        ctx.terminal.out(
          removed
            ? `Forgot the credentials of profile ${name}.`
            : `Profile ${name} had no stored credentials.`,
        );
      setExit(EXIT_CODES.OK);
    });
}
