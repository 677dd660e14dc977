import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonicalJson.js';
import {
  EVENT_HASH_FORMAT,
  GENESIS_HASH,
  canonicalEventContent,
  chainHash,
  contentHash,
} from './eventHash.js';

const content = {
  eventId: '0b6d3c5e-6b8f-4e3a-9a55-3d1f0d2c7e11',
  streamId: 'user-42',
  type: 'UserCreated',
  schemaVersion: 1,
  actor: 'arn:gatehouse:iam::000000000000:root',
  causationId: null,
  correlationId: 'req-7',
  occurredAt: new Date('2026-11-28T10:00:00.123Z'),
  data: { userName: 'alice', path: '/' },
  metadata: {},
};

describe('event hashes', () => {
  it('hash a documented canonical form', () => {
    expect(canonicalEventContent(content)).toBe(
      '{"actor":"arn:gatehouse:iam::000000000000:root","causationId":null,"correlationId":"req-7",' +
        '"data":{"path":"/","userName":"alice"},"eventId":"0b6d3c5e-6b8f-4e3a-9a55-3d1f0d2c7e11",' +
        '"format":"gatehouse.event.v1","metadata":{},"occurredAt":"2026-11-28T10:00:00.123Z",' +
        '"schemaVersion":1,"streamId":"user-42","type":"UserCreated"}',
    );
    expect(contentHash(content).toString('hex')).toBe(
      createHash('sha256').update(canonicalEventContent(content)).digest('hex'),
    );
  });

  it('chain prev hash, version, recorded time and content hash, as the database does', () => {
    const prev = Buffer.from(GENESIS_HASH, 'hex');
    const c = contentHash(content);
    const expected = createHash('sha256')
      .update(prev)
      .update(Buffer.from('0000000000000001', 'hex'))
      .update(Buffer.from('00063f1e4b8ad2c0', 'hex'))
      .update(c)
      .digest();
    expect(chainHash(prev, 1n, 0x00063f1e4b8ad2c0n, c)).toEqual(expected);
  });

  it('compose the canonical form exactly as canonical JSON of the whole object would', () => {
    fc.assert(
      fc.property(
        fc.record({
          eventId: fc.uuid(),
          streamId: fc.string(),
          type: fc.string(),
          schemaVersion: fc.integer({ min: 1 }),
          actor: fc.string(),
          causationId: fc.option(fc.string(), { nil: null }),
          correlationId: fc.option(fc.string(), { nil: null }),
          occurredAt: fc.date({
            min: new Date(0),
            max: new Date(253402300799999),
            noInvalidDate: true,
          }),
          data: fc.dictionary(fc.string(), fc.jsonValue()),
          metadata: fc.dictionary(fc.string(), fc.jsonValue()),
        }),
        (c) => {
          expect(canonicalEventContent(c)).toBe(
            canonicalJson({
              ...c,
              format: EVENT_HASH_FORMAT,
              occurredAt: c.occurredAt.toISOString(),
            }),
          );
        },
      ),
    );
  });

  it('change with any covered field', () => {
    const base = contentHash(content).toString('hex');
    for (const changed of [
      { ...content, streamId: 'user-43' },
      { ...content, actor: 'someone' },
      { ...content, correlationId: null },
      { ...content, occurredAt: new Date('2026-11-28T10:00:00.124Z') },
      { ...content, data: { userName: 'alice', path: '/x/' } },
      { ...content, metadata: { a: 1 } },
      { ...content, schemaVersion: 2 },
    ]) {
      expect(contentHash(changed).toString('hex')).not.toBe(base);
    }
  });
});
