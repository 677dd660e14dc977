import { describe, expect, it } from '@jest/globals';
import { consumerLagGauges, renderPrometheus } from './consumerLag.js';

describe('metrics', () => {
  it('render consumer lag in the Prometheus text format', () => {
    const text = renderPrometheus(
      consumerLagGauges([
        {
          consumerId: 'gatehouse.kafka-relay',
          checkpoint: { transactionId: 10n, globalPosition: 42n },
          eventsBehind: 7,
          secondsBehind: 1.5,
          updatedAt: new Date(0),
        },
      ]),
    );
    expect(text).toBe(
      [
        '# HELP gatehouse_event_consumer_lag_events Committed events after the consumer checkpoint',
        '# TYPE gatehouse_event_consumer_lag_events gauge',
        'gatehouse_event_consumer_lag_events{consumer="gatehouse.kafka-relay"} 7',
        '# HELP gatehouse_event_consumer_lag_seconds Age of the oldest event the consumer has not handled',
        '# TYPE gatehouse_event_consumer_lag_seconds gauge',
        'gatehouse_event_consumer_lag_seconds{consumer="gatehouse.kafka-relay"} 1.5',
        '# HELP gatehouse_event_consumer_checkpoint_position Global position of the consumer checkpoint',
        '# TYPE gatehouse_event_consumer_checkpoint_position gauge',
        'gatehouse_event_consumer_checkpoint_position{consumer="gatehouse.kafka-relay"} 42',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values', () => {
    expect(
      renderPrometheus([
        { name: 'g', help: 'h', samples: [{ labels: { l: 'a"b\\c\nd' }, value: 1 }] },
      ]),
    ).toContain('g{l="a\\"b\\\\c\\nd"} 1');
  });
});
