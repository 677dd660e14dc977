import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CliError } from '../cli/cliError.js';
import { formatIni, parseIni, type IniSections } from './ini.js';

/** A profile's settings (config file) and secrets (credentials file). */
export interface Profile {
  readonly name: string;
  readonly endpoint?: string | undefined;
  /** `access-key` or `session`. */
  readonly auth?: 'access-key' | 'session' | undefined;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
  readonly sessionToken?: string | undefined;
  readonly sessionExpiration?: string | undefined;
  /** Who signed in (ARN), for display. */
  readonly principal?: string | undefined;
}

/** Where the files are. */
export interface ProfilePaths {
  readonly config: string;
  readonly credentials: string;
}

/**
 * The files' locations: `GATEHOUSE_CONFIG_FILE` (default `~/.gatehouse/config`) and
 * `GATEHOUSE_SHARED_CREDENTIALS_FILE` (default `credentials` beside the config file).
 */
export function profilePaths(env: Readonly<Record<string, string | undefined>>): ProfilePaths {
  const config = env.GATEHOUSE_CONFIG_FILE ?? path.join(os.homedir(), '.gatehouse', 'config');
  return {
    config,
    credentials:
      env.GATEHOUSE_SHARED_CREDENTIALS_FILE ?? path.join(path.dirname(config), 'credentials'),
  };
}

const SECRET_KEYS = [
  'access_key_id',
  'secret_access_key',
  'session_token',
  'session_expiration',
] as const;

/** The section of a profile: `[default]` / `[profile name]` in config, `[name]` in credentials (as the AWS CLI). */
function configSection(name: string): string {
  return name === 'default' ? 'default' : `profile ${name}`;
}

async function readIni(file: string, warn: (message: string) => void): Promise<IniSections> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new CliError('CONFIG', `cannot read \`${file}\``, { cause: error });
  }
  const info = await stat(file);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    warn(`\`${file}\` can be read by other users: run \`chmod 600 ${file}\``);
  }
  return parseIni(text);
}

/** Writes a file readable by its owner only (0600), atomically, in a 0700 directory if new. */
async function writePrivate(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

/** Profiles in the config and credentials files. */
export class ProfileStore {
  constructor(
    readonly paths: ProfilePaths,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** The profile, or undefined when neither file has it. */
  async read(name: string): Promise<Profile | undefined> {
    const config = (await readIni(this.paths.config, this.warn)).get(configSection(name));
    const secrets = (await readIni(this.paths.credentials, this.warn)).get(name);
    if (config === undefined && secrets === undefined) return undefined;
    const auth = config?.get('auth');
    return {
      name,
      endpoint: config?.get('endpoint'),
      auth: auth === 'access-key' || auth === 'session' ? auth : undefined,
      principal: config?.get('principal'),
      accessKeyId: secrets?.get('access_key_id'),
      secretAccessKey: secrets?.get('secret_access_key'),
      sessionToken: secrets?.get('session_token'),
      sessionExpiration: secrets?.get('session_expiration'),
    };
  }

  /** Writes a profile (replacing its previous settings and secrets); both files end up 0600. */
  async write(profile: Profile): Promise<void> {
    const config = await readIni(this.paths.config, this.warn);
    const settings = new Map<string, string>();
    if (profile.endpoint !== undefined) settings.set('endpoint', profile.endpoint);
    if (profile.auth !== undefined) settings.set('auth', profile.auth);
    if (profile.principal !== undefined) settings.set('principal', profile.principal);
    config.set(configSection(profile.name), settings);
    await writePrivate(this.paths.config, formatIni(config));

    const credentials = await readIni(this.paths.credentials, this.warn);
    const secrets = new Map<string, string>();
    const values: Record<(typeof SECRET_KEYS)[number], string | undefined> = {
      access_key_id: profile.accessKeyId,
      secret_access_key: profile.secretAccessKey,
      session_token: profile.sessionToken,
      session_expiration: profile.sessionExpiration,
    };
    for (const key of SECRET_KEYS) {
      const value = values[key];
      if (value !== undefined) secrets.set(key, value);
    }
    credentials.set(profile.name, secrets);
    await writePrivate(this.paths.credentials, formatIni(credentials));
  }

  /** Removes a profile's secrets (its settings stay, so `login` needs no `--endpoint` again). */
  async forgetSecrets(name: string): Promise<boolean> {
    const credentials = await readIni(this.paths.credentials, this.warn);
    if (!credentials.delete(name)) return false;
    await writePrivate(this.paths.credentials, formatIni(credentials));
    return true;
  }
}
