import { z } from 'zod';
import {
  ACCESS_KEY_ID,
  AUTH_CODE,
  DESCRIPTION,
  EMAIL,
  MAX_POLICY_INPUT,
  MFA_NAME,
  NAME_128,
  NAME_64,
  PASSWORD,
  PATH,
  SESSION_NAME,
  TAG_KEY,
  TAG_VALUE,
  VERSION_ID,
} from './validation.js';

/**
 * Field schemas shared by the command schemas: IAM's length and pattern
 * constraints, so a command that parses is bounded in every field.
 */
export const userName = z
  .string()
  .regex(NAME_64, 'must be 1-64 characters of letters, digits and `+=,.@_-`');
export const roleName = userName;
export const groupName = z
  .string()
  .regex(NAME_128, 'must be 1-128 characters of letters, digits and `+=,.@_-`');
export const policyName = groupName;
export const mfaDeviceName = z
  .string()
  .regex(MFA_NAME, 'must be 1-226 characters of letters, digits and `+=,.@_-`');
export const path = z
  .string()
  .max(512, 'must be at most 512 characters')
  .regex(PATH, 'must be `/` or start and end with `/` (printable ASCII)');
export const description = z
  .string()
  .regex(DESCRIPTION, 'must be at most 1,000 printable characters');
export const arn = z.string().min(20).max(2048);
export const tag = z.object({
  key: z.string().regex(TAG_KEY, 'must be 1-128 letters, digits, spaces or `_.:/=+-@`'),
  value: z.string().regex(TAG_VALUE, 'must be 0-256 letters, digits, spaces or `_.:/=+-@`'),
});
export const tags = z.array(tag).max(50, 'at most 50 tags');
export const tagKeys = z.array(tag.shape.key).min(1).max(50);
/** A policy document as JSON text or as an object (stored as text). */
export const policyDocument = z.union([
  z.string().min(1).max(MAX_POLICY_INPUT, `must be at most ${MAX_POLICY_INPUT} characters`),
  z.record(z.string(), z.unknown()),
]);
export const versionId = z.string().regex(VERSION_ID, 'must be `v` followed by a number');
export const password = z.string().regex(PASSWORD, 'must be 1-128 printable characters');
export const authenticationCode = z.string().regex(AUTH_CODE, 'must be six digits');
export const accessKeyId = z.string().regex(ACCESS_KEY_ID, 'is not an access key id');
export const serialNumber = z.string().min(9).max(512);
export const sessionName = z
  .string()
  .regex(SESSION_NAME, 'must be 2-64 characters of letters, digits and `+=,.@_-`');
export const email = z.string().max(254).regex(EMAIL, 'is not an email address');
export const durationSeconds = z.number().int().min(900).max(129_600);

/**
 * The schemas of `Tag<X>` and `Untag<X>` for an entity that commands name by
 * `target` (`{ userName }`, `{ roleName }`, `{ policyArn: arn }`).
 */
export function tagCommandSchemas<
  Entity extends string,
  Target extends Readonly<Record<string, z.ZodString>>,
>(entity: Entity, target: Target) {
  return {
    /** Adds tags, or replaces the values of keys it has (at most 50 in all). */
    tag: z.strictObject({ type: z.literal(`Tag${entity}` as const), ...target, tags }),
    /** Removes tags by key. */
    untag: z.strictObject({ type: z.literal(`Untag${entity}` as const), ...target, tagKeys }),
  };
}
