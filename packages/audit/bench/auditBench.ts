// Audit figures the issue asks for, printed (never asserted):
//   pnpm --filter @gatehouse/audit bench [-- --events 1000000 --runs 20 --fresh]
// 1. History page latency with 1 million events in the log (several filters).
// 2. A point-in-time effective-permissions answer (and a simulation) for a
//    principal with 50 policies and 10,000 events in its history.
// The seeded database `gh_bench_audit` (on GATEHOUSE_TEST_DATABASE_URL's server,
// default the local PostgreSQL) is kept between runs: seeding happens once,
// later runs measure at once. `--fresh` drops and seeds it again.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { defaultMigrationsDir, ensureDatabase, migrate } from '@gatehouse/db';
import { EventStore, type EventInput } from '@gatehouse/event-store';
import { IamService, PostgresIamStore, SecretBox, argon2idHasher } from '@gatehouse/iam';
import pg from 'pg';
import { AuditService, type AsOf, type HistoryFilter } from '../src/index.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '20' },
    fresh: { type: 'boolean', default: false },
  },
});
const TOTAL = Number(values.events);
const RUNS = Number(values.runs);
const ACCOUNT = '123456789012';
const USERS = 1000;
const PER_USER = Math.ceil(TOTAL / USERS);
const ACTORS = Array.from(
  { length: 20 },
  (_, i) => `arn:gatehouse:iam::${ACCOUNT}:user/admin-${i}`,
);
const SUBJECT = 'bench-principal';
const SUBJECT_EVENTS = 10_000;

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}
function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(66)} ${value}\n`);
}

function databaseUrl(): string {
  const server =
    process.env.GATEHOUSE_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const url = new URL(server);
  url.pathname = '/gh_bench_audit';
  return url.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query('DROP DATABASE IF EXISTS gh_bench_audit WITH (FORCE)');
  } finally {
    await client.end();
  }
}

/** IAM-valid events of one synthetic user (its name, its creation, then tag churn). */
function userEvents(
  u: number,
  count: number,
  from: number,
): { stream: string; events: EventInput[] }[] {
  const userId = `AIDABENCH${u.toString().padStart(12, '0')}`;
  const name = `user-${u}`;
  const arn = `arn:gatehouse:iam::${ACCOUNT}:user/${name}`;
  const actor = ACTORS[u % ACTORS.length] ?? 'system';
  const meta = (command: string) => ({
    command,
    principalType: 'User',
    originalPrincipalArn: actor,
    sourceIp: `10.0.${u % 256}.${(u * 7) % 256}`,
  });
  const out: { stream: string; events: EventInput[] }[] = [];
  const events: EventInput[] = [];
  if (from === 0) {
    out.push({
      stream: `iam-name-user-${name}`,
      events: [
        {
          type: 'NameReserved',
          data: { kind: 'user', name, entityId: userId },
          actor,
          metadata: meta('CreateUser'),
        },
      ],
    });
    events.push({
      type: 'UserCreated',
      data: { userId, userName: name, path: '/', arn, tags: [], permissionsBoundary: null },
      actor,
      correlationId: randomUUID(),
      metadata: meta('CreateUser'),
    });
  }
  for (let i = events.length + from; i < from + count; i++) {
    events.push(
      i % 2 === 1
        ? {
            type: 'UserTagged',
            data: { userId, tags: [{ key: 'team', value: `t-${i % 97}` }] },
            actor,
            correlationId: randomUUID(),
            metadata: meta('TagUser'),
          }
        : {
            type: 'UserUntagged',
            data: { userId, tagKeys: ['team'] },
            actor,
            correlationId: randomUUID(),
            metadata: meta('UntagUser'),
          },
    );
  }
  out.push({ stream: `iam-user-${userId}`, events });
  return out;
}

async function seedLog(store: EventStore, pool: pg.Pool): Promise<void> {
  const have = Number(
    (await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]?.n,
  );
  if (have >= TOTAL) {
    progress(`reusing ${have} events`);
    return;
  }
  const started = performance.now();
  let written = 0;
  // Two writers: appends are CPU-bound on this machine (hashing in Node, plpgsql in PostgreSQL).
  const work = Array.from({ length: USERS }, (_, u) => u);
  const writer = async () => {
    for (let u = work.shift(); u !== undefined; u = work.shift()) {
      for (let from = 0; from < PER_USER; from += 1000) {
        for (const { stream, events } of userEvents(u, Math.min(1000, PER_USER - from), from)) {
          await store.appendToStream(stream, events, { expectedVersion: 'any' });
          written += events.length;
        }
      }
      if (u % 100 === 0)
        progress(
          `seeded ${written} events (${Math.round(written / ((performance.now() - started) / 1000))}/s)`,
        );
    }
  };
  await Promise.all([writer(), writer()]);
  await pool.query('ANALYZE events');
  line(
    'seeding: events appended (batches of 1,000, 2 writers)',
    `${written} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** 50 policies (10 attached + 4 groups × 10 attached... as IAM's quotas allow) and 10,000 events. */
async function seedPrincipal(iam: IamService, store: EventStore, pool: pg.Pool): Promise<void> {
  const exists = await pool.query(`SELECT 1 FROM events WHERE stream_id = $1`, [
    `iam-name-user-${SUBJECT}`,
  ]);
  if ((exists.rowCount ?? 0) > 0) return;
  const started = performance.now();
  const root = { actor: iam.rootPrincipal() };
  await iam.execute({ type: 'CreateUser', userName: SUBJECT }, root);
  const policies: string[] = [];
  for (let p = 0; p < 50; p++) {
    const result = await iam.execute(
      {
        type: 'CreatePolicy',
        policyName: `bench-policy-${p}`,
        policyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: [`svc${p}:Get*`, `svc${p}:List*`],
              Resource: `arn:aws:svc${p}:::data/${p}/*`,
            },
            {
              Effect: 'Allow',
              Action: `svc${p}:Put*`,
              Resource: `arn:aws:svc${p}:::data/${p}/own/*`,
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        }),
      },
      root,
    );
    policies.push(result.policy.arn);
  }
  for (const arn of policies.slice(0, 10))
    await iam.execute({ type: 'AttachUserPolicy', userName: SUBJECT, policyArn: arn }, root);
  for (let g = 0; g < 4; g++) {
    await iam.execute({ type: 'CreateGroup', groupName: `bench-group-${g}` }, root);
    await iam.execute(
      { type: 'AddUserToGroup', groupName: `bench-group-${g}`, userName: SUBJECT },
      root,
    );
    for (const arn of policies.slice(10 + g * 10, 20 + g * 10))
      await iam.execute(
        { type: 'AttachGroupPolicy', groupName: `bench-group-${g}`, policyArn: arn },
        root,
      );
  }
  await iam.catchUp();
  const userId = iam.view.holderOf('user', SUBJECT) ?? '';
  const have = Number(
    (
      await pool.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM events WHERE stream_id = $1`,
        [`iam-user-${userId}`],
      )
    ).rows[0]?.n,
  );
  const churn = SUBJECT_EVENTS - have;
  for (let i = 0; i < churn; i += 1000) {
    const events: EventInput[] = [];
    for (let j = i; j < Math.min(churn, i + 1000); j++)
      events.push(
        j % 2 === 0
          ? {
              type: 'UserTagged',
              data: { userId, tags: [{ key: 'shift', value: `s-${j}` }] },
              actor: ACTORS[0] ?? '',
              metadata: { command: 'TagUser' },
            }
          : {
              type: 'UserUntagged',
              data: { userId, tagKeys: ['shift'] },
              actor: ACTORS[0] ?? '',
              metadata: { command: 'UntagUser' },
            },
      );
    await store.appendToStream(`iam-user-${userId}`, events, { expectedVersion: 'any' });
  }
  line(
    'seeding: principal (50 policies, 10,000 events in its user stream)',
    `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<string> {
  await work(); // warm
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) =>
    samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
  return `p50 ${q(0.5).toFixed(1)} ms  p95 ${q(0.95).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const url = databaseUrl();
  if (values.fresh) await dropDatabase(url);
  await ensureDatabase(url);
  await migrate({ databaseUrl: url, migrationsDir: defaultMigrationsDir() });
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined);
  const store = new EventStore({ pool });
  await seedLog(store, pool);
  const iam = new IamService({
    store: new PostgresIamStore({ pool, eventStore: store }),
    secretsKey: SecretBox.generateKey(),
    passwordHasher: argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  });
  progress('building the IAM view from the log');
  let t0 = performance.now();
  await iam.start();
  line(
    'IamService.start (whole log into memory, for comparison)',
    `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await iam.bootstrap({
    accountId: ACCOUNT,
    rootEmail: 'root@example.com',
    rootPassword: 'Root-Password-1!',
  });
  await seedPrincipal(iam, store, pool);
  const audit = new AuditService({ db: pool, store, currentView: () => iam.view });
  const count = (await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]
    ?.n;
  line('events in the log', `${count}`);

  const page =
    (filter: HistoryFilter, order: 'NEWEST_FIRST' | 'OLDEST_FIRST' = 'NEWEST_FIRST') =>
    () =>
      audit.listEvents(filter, { first: 50, order });
  line('history page (50 entries, newest first, no filter)', await timed(RUNS, page({})));
  line('history page (oldest first, no filter)', await timed(RUNS, page({}, 'OLDEST_FIRST')));
  let cursor: string | null = null;
  line(
    'history: 20 consecutive pages of 50 (per page)',
    await timed(RUNS, async () => {
      const p = await audit.listEvents({}, { first: 50, after: cursor });
      cursor = p.pageInfo.endCursor;
    }),
  );
  line(
    'history page by actor (1 of 20 actors)',
    await timed(RUNS, page({ actor: ACTORS[3] ?? '' })),
  );
  line(
    'history page by target ARN (a user with 1,000 events)',
    await timed(RUNS, page({ targets: [`arn:gatehouse:iam::${ACCOUNT}:user/user-500`] })),
  );
  line('history page by event type', await timed(RUNS, page({ eventTypes: ['UserCreated'] })));
  line(
    'history page by action (metadata command)',
    await timed(RUNS, page({ actions: ['iam:TagUser'] })),
  );
  const { rows } = await pool.query<{ lo: Date; hi: Date }>(
    'SELECT min(recorded_at) AS lo, max(recorded_at) AS hi FROM events',
  );
  const lo = rows[0]?.lo.getTime() ?? 0;
  const hi = rows[0]?.hi.getTime() ?? 0;
  const mid = new Date(lo + (hi - lo) / 2);
  line(
    'history page by time range (a minute in the middle of the log)',
    await timed(RUNS, page({ from: mid, to: new Date(mid.getTime() + 60_000) })),
  );
  line(
    'history page by correlation id',
    await timed(RUNS, page({ correlationId: 'no-such-correlation' })),
  );

  const principal = `arn:gatehouse:iam::${ACCOUNT}:user/${SUBJECT}`;
  const history = await audit.pointInTime.history(principal);
  const middle = history.events[Math.floor(history.events.length / 2)];
  const asOf: AsOf = { time: middle?.recordedAt ?? new Date() };
  line(
    'principal: events in its history (user, groups, policies, name, account)',
    `${history.events.length}`,
  );
  line(
    'effective permissions as of a time (50 policies, 10k events)',
    await timed(RUNS, () => audit.effectivePermissionsAsOf(principal, asOf)),
  );
  line(
    'effective permissions now (same principal)',
    await timed(RUNS, () => audit.effectivePermissionsAsOf(principal)),
  );
  line(
    'simulatePrincipalPolicyAsOf (same principal, with provenance)',
    await timed(RUNS, () =>
      audit.simulatePrincipalPolicyAsOf(
        {
          principalArn: principal,
          action: 'svc42:GetThing',
          resource: 'arn:aws:svc42:::data/42/x',
        },
        asOf,
      ),
    ),
  );
  t0 = performance.now();
  await iam.resolvePrincipalPolicies(principal, asOf);
  line(
    'for comparison: IamService.resolvePrincipalPolicies(asOf) (whole-log replay)',
    `${(performance.now() - t0).toFixed(0)} ms`,
  );
  await iam.stop();
  await pool.end();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exitCode = 1;
});
