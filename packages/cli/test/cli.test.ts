// The CLI as a program, run in-process with buffers for its streams and a function for the
// gateway: exit codes, --help, --output json for errors, NO_COLOR, and secrets that never show.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXIT_CODES } from '../src/index.js';
import { callerIdentity, runInMemory } from './support/memoryIo.js';

const packageRoot = path.resolve(import.meta.dirname, '..');
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION = 'ghs1.c2Vzc2lvbi10b2tlbi1mb3ItdGVzdHM';

describe('exit codes', () => {
  it('validate: 1 with errors, 0 with --fail-on none, 0 on a clean repository', async () => {
    const fixture = ['validate', 'test/fixtures/findings-repo'];
    const failing = await runInMemory(fixture, { cwd: packageRoot, env: { NO_COLOR: '1' } });
    expect(failing.code).toBe(EXIT_CODES.FINDINGS_OR_CHANGES);
    expect(failing.stdout).toContain(
      'test/fixtures/findings-repo/policies/duplicate-key.json:4:51: error: the key `Action` appears more than once',
    );
    expect(failing.stdout).toContain('13 errors, 2 security warnings, 3 warnings in 9 files');
    expect((await runInMemory([...fixture, '--fail-on', 'none'], { cwd: packageRoot })).code).toBe(
      0,
    );
    expect(
      (await runInMemory(['validate', 'examples/repository'], { cwd: packageRoot })).code,
    ).toBe(0);
  });

  it('validate --fail-on security-warning fails on a repository with only security warnings', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gatehouse-cli-'));
    try {
      const { cp } = await import('node:fs/promises');
      await cp(
        path.join(packageRoot, 'test/fixtures/findings-repo/policies/pass-any-role.json'),
        path.join(dir, 'policies', 'pass-any-role.json'),
        { recursive: true },
      );
      await cp(
        path.join(packageRoot, 'examples/repository/gatehouse.yaml'),
        path.join(dir, 'gatehouse.yaml'),
      );
      expect((await runInMemory(['validate', dir])).code).toBe(0);
      expect((await runInMemory(['validate', dir, '--fail-on', 'security-warning'])).code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('2 for usage errors, with the error as JSON under --output json', async () => {
    expect((await runInMemory(['frobnicate'])).code).toBe(EXIT_CODES.USAGE);
    expect((await runInMemory(['validate', '--fail-on', 'sometimes'])).code).toBe(EXIT_CODES.USAGE);
    expect((await runInMemory(['plan', '-o', 'sarif'])).code).toBe(EXIT_CODES.USAGE);
    const missing = await runInMemory(['validate', 'no/such/dir', '-o', 'json']);
    expect(missing.code).toBe(EXIT_CODES.USAGE);
    expect(JSON.parse(missing.stdout)).toEqual({
      error: expect.objectContaining({
        code: 'USAGE',
        message: '`no/such/dir` is not a directory',
      }),
    });
    expect(missing.stderr).toContain('error: `no/such/dir` is not a directory');
  });

  it('4 without credentials, 5 when the gateway cannot be reached', async () => {
    const noCredentials = await runInMemory(['whoami', '--endpoint', 'http://127.0.0.1:9']);
    expect(noCredentials.code).toBe(EXIT_CODES.AUTHENTICATION);
    expect(noCredentials.stderr).toContain('no credentials for profile `default`');
    const unreachable = await runInMemory(['whoami', '--endpoint', 'http://127.0.0.1:9'], {
      env: { GATEHOUSE_SESSION_TOKEN: SESSION },
      gateway: () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(unreachable.code).toBe(EXIT_CODES.API);
    expect(unreachable.stderr).toContain('cannot reach the gateway at `http://127.0.0.1:9`');
  });

  it('4 when the gateway refuses the credentials', async () => {
    const run = await runInMemory(['whoami', '--endpoint', 'http://gw.test'], {
      env: { GATEHOUSE_SESSION_TOKEN: SESSION },
      gateway: () => ({
        errors: [
          {
            message: 'expired',
            extensions: { code: 'UNAUTHENTICATED', details: { reason: 'EXPIRED_TOKEN' } },
          },
        ],
      }),
    });
    expect(run.code).toBe(EXIT_CODES.AUTHENTICATION);
    expect(run.stderr).toContain('the gateway refused the credentials');
  });

  it('2 for bad input: an over-long secret on stdin, a file that is not a plan', async () => {
    const long = await runInMemory(
      ['login', '--endpoint', 'http://gw.test', '--access-key-id', 'AKIAEXAMPLE'],
      { input: `${'x'.repeat(20_000)}\n`, gateway: () => ({ data: callerIdentity() }) },
    );
    expect(long.code).toBe(EXIT_CODES.USAGE);
    expect(long.sent).toEqual([]);
    const notAPlan = await runInMemory(
      ['apply', '--plan-file', 'examples/repository/gatehouse.yaml'],
      {
        cwd: packageRoot,
        env: { GATEHOUSE_ENDPOINT: 'http://gw.test', GATEHOUSE_SESSION_TOKEN: SESSION },
      },
    );
    expect(notAPlan.code).toBe(EXIT_CODES.USAGE);
    expect(notAPlan.stderr).toContain('is not a plan file (not JSON)');
    expect(notAPlan.sent).toEqual([]);
  });

  it('0 for --help, which shows examples and the exit codes', async () => {
    const help = await runInMemory(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect(help.stdout).toContain('3  apply: the live state changed since the plan was computed');
    for (const command of [
      'validate',
      'plan',
      'apply',
      'export',
      'login',
      'whoami',
      'simulate',
      'requests',
    ]) {
      const sub = await runInMemory([command, '--help']);
      expect(sub.code).toBe(0);
      expect(sub.stdout).toContain('Examples:');
    }
  });
});

describe('secrets', () => {
  let home: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'gatehouse-home-'));
    env = { GATEHOUSE_CONFIG_FILE: path.join(home, 'gh', 'config'), NO_COLOR: '1' };
  });
  afterEach(async () => rm(home, { recursive: true, force: true }));

  it('login with an access key keeps the secret in 0600 files and never prints it; requests are signed', async () => {
    const run = await runInMemory(
      ['login', '--endpoint', 'http://gw.test', '--access-key-id', 'AKIAEXAMPLE'],
      { env, input: `${SECRET}\n`, gateway: () => ({ data: callerIdentity() }) },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('as arn:gatehouse:iam::123456789012:user/alice (profile default)');
    for (const output of [run.stdout, run.stderr]) expect(output).not.toContain(SECRET);
    // The secret went as a signature, never as itself.
    expect(run.sent[0]?.headers.authorization).toMatch(
      /^GATEHOUSE-HMAC-SHA256 Credential=AKIAEXAMPLE, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.stringify(run.sent)).not.toContain(SECRET);
    for (const file of ['config', 'credentials']) {
      expect((await stat(path.join(home, 'gh', file))).mode & 0o777).toBe(0o600);
    }
    expect((await stat(path.join(home, 'gh'))).mode & 0o777).toBe(0o700);
    expect(await readFile(path.join(home, 'gh', 'credentials'), 'utf8')).toBe(
      `[default]\naccess_key_id = AKIAEXAMPLE\nsecret_access_key = ${SECRET}\n`,
    );
    expect(await readFile(path.join(home, 'gh', 'config'), 'utf8')).not.toContain(SECRET);

    // Later commands use the profile, and neither whoami's text nor its JSON shows the secret.
    for (const output of ['text', 'json']) {
      const whoami = await runInMemory(['whoami', '-o', output], {
        env,
        gateway: () => ({ data: callerIdentity() }),
      });
      expect(whoami.code).toBe(0);
      expect(whoami.stdout).toContain('arn:gatehouse:iam::123456789012:user/alice');
      expect(whoami.stdout + whoami.stderr).not.toContain(SECRET);
    }
  });

  it('login with a password keeps the session token out of the output', async () => {
    const run = await runInMemory(
      ['login', '--endpoint', 'http://gw.test', '--user', 'alice', '-o', 'json'],
      {
        env,
        input: 'correct horse\n',
        gateway: () => ({
          data: {
            signIn: {
              sessionToken: SESSION,
              expiration: '2026-11-28T20:00:00.000Z',
              rootSignIn: false,
              passwordResetRequired: false,
              warnings: [],
              principal: {
                arn: 'arn:gatehouse:iam::123456789012:user/alice',
                account: '123456789012',
              },
            },
          },
        }),
      },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      profile: 'default',
      expiration: '2026-11-28T20:00:00.000Z',
    });
    expect(run.stdout + run.stderr).not.toContain(SESSION);
    expect(run.stdout + run.stderr).not.toContain('correct horse');
    expect(run.sent[0]?.variables).toMatchObject({ userName: 'alice', password: 'correct horse' });
    expect(await readFile(path.join(home, 'gh', 'credentials'), 'utf8')).toContain(
      `session_token = ${SESSION}`,
    );
  });

  it('refuses a session that has expired before asking the gateway', async () => {
    await runInMemory(['login', '--endpoint', 'http://gw.test', '--user', 'alice'], {
      env,
      input: 'pw\n',
      gateway: () => ({
        data: {
          signIn: {
            sessionToken: SESSION,
            expiration: '2026-11-28T11:00:00.000Z',
            rootSignIn: false,
            passwordResetRequired: false,
            warnings: [],
            principal: {
              arn: 'arn:gatehouse:iam::123456789012:user/alice',
              account: '123456789012',
            },
          },
        },
      }),
    });
    const run = await runInMemory(['whoami'], { env });
    expect(run.code).toBe(EXIT_CODES.AUTHENTICATION);
    expect(run.stderr).toContain('expired at 2026-11-28T11:00:00.000Z');
    expect(run.sent).toEqual([]);
  });
});
