import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from './createLogger.js';

function capture(): { lines: () => Record<string, unknown>[]; destination: Writable } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return {
    destination,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with the service name and a readable level', () => {
    const out = capture();
    const logger = createLogger({
      service: 'gateway',
      level: 'info',
      destination: out.destination,
    });

    logger.info({ userName: 'alice' }, 'user created');

    expect(out.lines()).toEqual([
      expect.objectContaining({
        name: 'gateway',
        level: 'info',
        msg: 'user created',
        userName: 'alice',
      }),
    ]);
  });

  it('redacts secrets wherever they appear', () => {
    const out = capture();
    const logger = createLogger({
      service: 'gateway',
      level: 'info',
      destination: out.destination,
    });

    logger.info(
      {
        password: 'p1',
        input: { secretAccessKey: 's2', token: 't3' },
        req: { headers: { authorization: 'Bearer x' } },
      },
      'request',
    );

    const line = JSON.stringify(out.lines());
    for (const secret of ['p1', 's2', 't3', 'Bearer x']) expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });
});
