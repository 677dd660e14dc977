import { describe, expect, it } from '@jest/globals';
import type { Message } from 'kafkajs';
import { produceRequests } from './produceRequests.js';

const message = (value: string): Message => ({ key: 'k', value });

describe('produceRequests', () => {
  it('keeps everything in one request when it fits', () => {
    const byTopic = new Map([
      ['a', [message('12345'), message('12345')]],
      ['b', [message('1')]],
    ]);
    expect(produceRequests(byTopic, 100)).toEqual([
      [
        { topic: 'a', messages: [message('12345'), message('12345')] },
        { topic: 'b', messages: [message('1')] },
      ],
    ]);
  });

  it('splits by value bytes, keeping order within and across topics', () => {
    const a = ['aaaa', 'bbbb', 'cccc'].map(message);
    const b = ['dddd', 'eeee'].map(message);
    const requests = produceRequests(
      new Map([
        ['a', a],
        ['b', b],
      ]),
      9,
    );
    expect(requests).toEqual([
      [{ topic: 'a', messages: [a[0], a[1]] }],
      [
        { topic: 'a', messages: [a[2]] },
        { topic: 'b', messages: [b[0]] },
      ],
      [{ topic: 'b', messages: [b[1]] }],
    ]);
    const flattened = requests.flat().flatMap((entry) => entry.messages.map((m) => m.value));
    expect(flattened).toEqual([...a, ...b].map((m) => m.value));
  });

  it('sends a message larger than the limit alone', () => {
    const big = message('x'.repeat(50));
    expect(produceRequests(new Map([['a', [message('1'), big, message('2')]]]), 10)).toHaveLength(
      3,
    );
  });
});
