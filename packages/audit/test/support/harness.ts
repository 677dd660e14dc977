// A migrated database of its own per test file, IAM on it, and the audit
// service reading it: the tests check answers from what PostgreSQL holds.
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import { EventStore } from '@gatehouse/event-store';
import { IamService, PostgresIamStore, SecretBox, argon2idHasher } from '@gatehouse/iam';
import { ManualClock } from '@gatehouse/iam/testing';
import pg from 'pg';
import { AuditService } from '../../src/auditService.js';

export const ACCOUNT = '123456789012';
export const ROOT_PASSWORD = 'Root-Password-1';

export interface AuditHarness {
  readonly database: TestDatabase;
  readonly pool: pg.Pool;
  readonly events: EventStore;
  readonly iam: IamService;
  readonly audit: AuditService;
  /** The last event's recorded time and checkpoint (`transactionId:globalPosition`). */
  lastRecorded(): Promise<{ time: Date; checkpoint: string }>;
  /**
   * Waits until every event is below the read horizon (no older transaction is
   * still open anywhere on the server), so history pages can see all of them.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(): Promise<AuditHarness> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  pool.on('error', () => undefined);
  const events = new EventStore({ pool });
  const iam = new IamService({
    store: new PostgresIamStore({ pool, eventStore: events }),
    clock: new ManualClock(new Date()),
    secretsKey: SecretBox.generateKey(),
    passwordHasher: argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    view: { pollIntervalMs: 50 },
  });
  await iam.start();
  await iam.bootstrap({
    accountId: ACCOUNT,
    rootEmail: 'root@example.com',
    rootPassword: ROOT_PASSWORD,
  });
  const audit = new AuditService({ db: pool, store: events, currentView: () => iam.view });
  return {
    database,
    pool,
    events,
    iam,
    audit,
    async lastRecorded() {
      const { rows } = await pool.query<{ recorded_at: Date; cp: string }>(
        `SELECT recorded_at, transaction_id::text || ':' || global_position::text AS cp
           FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
      );
      const row = rows[0];
      if (row === undefined) throw new Error('empty log');
      return { time: row.recorded_at, checkpoint: row.cp };
    },
    async settled() {
      for (let attempt = 0; attempt < 500; attempt++) {
        const { rows } = await pool.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM events
            WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`,
        );
        if (rows[0]?.n === '0') return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('events stayed above the read horizon for 10 s');
    },
    async close() {
      await iam.stop();
      await pool.end();
      await database.drop();
    },
  };
}
