// Gateway bench: requests per second and p99 latency of an authorized read
// (`getUser`) and of a permission-changing mutation (`createUser`: authorization,
// least-privilege analysis, domain command, event append), each next to a bare
// Apollo Server answering the same operation without auth, in the same run on
// this machine. Both servers run as their own processes; autocannon drives them
// over 127.0.0.1.
//
// Run: pnpm --filter @gatehouse/gateway bench [-- --seconds 10 --connections 10]
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '@gatehouse/db/testing';
import autocannon from 'autocannon';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const here = import.meta.dirname;
const gatewayDir = path.resolve(here, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start:\n${output()}`);
}

async function start(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(command, args, {
    cwd: gatewayDir,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), GATEWAY_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors !== undefined || body.data === undefined)
    throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface Measured {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly errors: number;
}

/** Runs autocannon; a response with GraphQL `errors` (which answer 200) counts as an error. */
async function measure(
  url: string,
  token: string | undefined,
  body: (i: number) => string,
): Promise<Measured> {
  let counter = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: body(counter++) }),
        onResponse: (_status, responseBody) => {
          if (responseBody.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx + graphqlErrors,
  };
}

const GET_USER =
  'query($u: String!) { getUser(userName: $u) { userName userId arn path createDate } }';
const CREATE_USER =
  'mutation($u: String!) { createUser(userName: $u) { status user { userName userId arn path createDate } } }';

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const rootPassword = 'Bench-Root-Password-1!';
  const gateway = await start(process.execPath, ['dist/main.js'], {
    DATABASE_URL: database.url,
    GATEWAY_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    GATEHOUSE_SECRETS_KEY: 'YmVuY2gtc2VjcmV0cy1rZXktMzItYnl0ZXMtbG9uZyE=',
    GATEHOUSE_ROOT_EMAIL: 'root@bench.example',
    GATEHOUSE_ROOT_PASSWORD: rootPassword,
    GATEHOUSE_ACCOUNT_ID: '123456789012',
    GATEWAY_SIGN_IN_PER_IP: '1000',
  });
  const bare = await start(process.execPath, ['--import', 'tsx', 'bench/bareApollo.ts'], {});
  try {
    const signIn =
      'mutation($u: String, $e: String, $p: String!) { signIn(userName: $u, rootEmail: $e, password: $p) { sessionToken } }';
    const root = (
      await gql<{ signIn: { sessionToken: string } }>(gateway.url, signIn, {
        e: 'root@bench.example',
        p: rootPassword,
      })
    ).signIn.sessionToken;
    const policy = (actions: string[]) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
      });
    for (const [name, actions] of [
      ['reader', ['iam:GetUser']],
      ['operator', ['iam:CreateUser']],
    ] as const) {
      await gql(
        gateway.url,
        'mutation($u: String!) { createUser(userName: $u) { status } }',
        { u: name },
        root,
      );
      await gql(
        gateway.url,
        'mutation($u: String!) { createLoginProfile(userName: $u, password: "Bench-Password-1!") { userName } }',
        { u: name },
        root,
      );
      await gql(
        gateway.url,
        'mutation($u: String!, $d: String!) { putUserPolicy(userName: $u, policyName: "Bench", policyDocument: $d) { status } }',
        { u: name, d: policy([...actions]) },
        root,
      );
    }
    const token = async (u: string) =>
      (
        await gql<{ signIn: { sessionToken: string } }>(gateway.url, signIn, {
          u,
          p: 'Bench-Password-1!',
        })
      ).signIn.sessionToken;
    const reader = await token('reader');
    const operator = await token('operator');
    // Correctness before speed: both answer the same shape, the gateway authorized.
    await gql(gateway.url, GET_USER, { u: 'operator' }, reader);
    await gql(bare.url, GET_USER, { u: 'operator' });

    const getUserBody = () => JSON.stringify({ query: GET_USER, variables: { u: 'operator' } });
    const createBody = (prefix: string) => (i: number) =>
      JSON.stringify({ query: CREATE_USER, variables: { u: `${prefix}-${i}` } });
    const rows: [string, Measured][] = [];
    await measure(gateway.url, reader, getUserBody); // warm-up (JIT, caches, pools)
    rows.push(['getUser, gateway (authorized)', await measure(gateway.url, reader, getUserBody)]);
    rows.push(['getUser, bare Apollo (no auth)', await measure(bare.url, undefined, getUserBody)]);
    rows.push([
      'createUser, gateway (authorized + analysis + append)',
      await measure(gateway.url, operator, createBody('bench')),
    ]);
    rows.push([
      'createUser, bare Apollo (no auth)',
      await measure(bare.url, undefined, createBody('bare')),
    ]);

    const created = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE type = 'UserCreated'`,
    );
    const decisions = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM authorization_decisions`,
    );
    console.log(
      `\ngateway bench: ${SECONDS} s per run, ${CONNECTIONS} connections, 127.0.0.1, node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
    );
    console.log(
      'run                                                   req/s     p50 ms   p99 ms   requests  errors',
    );
    for (const [name, m] of rows) {
      console.log(
        `${name.padEnd(52)} ${m.rps.toFixed(0).padStart(7)} ${m.p50.toFixed(1).padStart(9)} ${m.p99.toFixed(1).padStart(8)} ${String(m.requests).padStart(10)} ${String(m.errors).padStart(7)}`,
      );
    }
    const gatewayCreates = rows[2]?.[1].requests ?? 0;
    console.log(
      `\ncreateUser requests answered by the gateway: ${gatewayCreates}; users created (UserCreated events, incl. 2 of the setup): ${created.rows[0]?.n ?? 0}; authorization decisions logged: ${decisions.rows[0]?.n ?? 0}`,
    );
  } finally {
    await gateway.stop();
    await bare.stop();
    await pool.end();
    await database.drop();
  }
}

await main();
