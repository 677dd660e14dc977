// Integration and e2e tests talk to real PostgreSQL and Kafka: give them time.
// (jest's `testTimeout` is global, not per project, so it is set here.)
import { jest } from '@jest/globals';

jest.setTimeout(Number(process.env.GATEHOUSE_TEST_TIMEOUT_MS ?? 120_000));
