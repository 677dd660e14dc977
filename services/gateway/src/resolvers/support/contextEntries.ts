import type { ContextValue, RequestContextInput } from '@gatehouse/policy';
import { badInput } from '../../errors/gatewayError.js';
import { ContextKeyType, type ContextEntryInput } from '../../schema/types/decisionTypes.js';

const MAX_ENTRIES = 50;
const MAX_VALUES = 50;
const MAX_LENGTH = 1024;

/**
 * Context entries as the evaluator takes them, bounded (50 keys, 50 values each,
 * 1 KiB per key and value) and typed.
 * @throws GatewayError `BAD_USER_INPUT`
 */
export function requestContextOf(
  entries: readonly ContextEntryInput[] | null | undefined,
  argument = 'context',
): RequestContextInput {
  if (entries === null || entries === undefined) return {};
  if (entries.length > MAX_ENTRIES) throw badInput(argument, `at most ${MAX_ENTRIES} entries`);
  const context: Record<string, ContextValue> = {};
  for (const [index, entry] of entries.entries()) {
    const where = `${argument}.${index}`;
    if (entry.key.length === 0 || entry.key.length > MAX_LENGTH)
      throw badInput(`${where}.key`, 'must be 1-1024 characters');
    if (entry.values.length === 0 || entry.values.length > MAX_VALUES) {
      throw badInput(`${where}.values`, `must hold 1-${MAX_VALUES} values`);
    }
    if (entry.values.some((v) => v.length > MAX_LENGTH))
      throw badInput(`${where}.values`, 'values are at most 1024 characters');
    const type =
      entry.type ??
      (entry.values.length === 1 ? ContextKeyType.STRING : ContextKeyType.STRING_LIST);
    const first = entry.values[0] ?? '';
    switch (type) {
      case ContextKeyType.STRING:
        if (entry.values.length !== 1)
          throw badInput(`${where}.values`, 'a STRING key takes one value');
        context[entry.key] = first;
        break;
      case ContextKeyType.STRING_LIST:
        context[entry.key] = [...entry.values];
        break;
      case ContextKeyType.NUMERIC: {
        const number = Number(first);
        if (entry.values.length !== 1 || !Number.isFinite(number))
          throw badInput(`${where}.values`, 'must be one number');
        context[entry.key] = number;
        break;
      }
      case ContextKeyType.BOOLEAN:
        if (entry.values.length !== 1 || (first !== 'true' && first !== 'false')) {
          throw badInput(`${where}.values`, 'must be `true` or `false`');
        }
        context[entry.key] = first === 'true';
        break;
    }
  }
  return context;
}
