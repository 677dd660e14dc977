import type { Message } from 'kafkajs';

/** Splits per-topic messages into produce requests of at most `maxBytes` of values, order kept. */
export function produceRequests(
  byTopic: ReadonlyMap<string, readonly Message[]>,
  maxBytes: number,
): { topic: string; messages: Message[] }[][] {
  const requests: { topic: string; messages: Message[] }[][] = [];
  let request: { topic: string; messages: Message[] }[] = [];
  let bytes = 0;
  for (const [topic, messages] of byTopic) {
    let current: Message[] = [];
    request.push({ topic, messages: current });
    for (const message of messages) {
      const size =
        typeof message.value === 'string'
          ? Buffer.byteLength(message.value)
          : (message.value?.length ?? 0);
      if (bytes > 0 && bytes + size > maxBytes) {
        requests.push(request.filter((entry) => entry.messages.length > 0));
        current = [];
        request = [{ topic, messages: current }];
        bytes = 0;
      }
      current.push(message);
      bytes += size;
    }
  }
  const last = request.filter((entry) => entry.messages.length > 0);
  if (last.length > 0) requests.push(last);
  return requests;
}
