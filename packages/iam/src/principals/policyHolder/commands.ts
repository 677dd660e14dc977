import { z } from 'zod';
import { arn, policyDocument, policyName, tagCommandSchemas } from '../../shared/schemas.js';
import type { HolderPrefix } from './events.js';

/**
 * The schemas of the policy commands of one kind of holder, which names it in
 * its own field (`{ userName }`, `{ groupName }`, `{ roleName }`):
 * `Put<X>Policy`, `Delete<X>Policy`, `Attach<X>Policy`, `Detach<X>Policy`.
 */
export function policyHolderCommandSchemas<
  Entity extends HolderPrefix,
  HolderName extends Readonly<Record<string, z.ZodString>>,
>(entity: Entity, holderName: HolderName) {
  return {
    /** Adds or replaces an inline policy of the holder. */
    put: z.strictObject({
      type: z.literal(`Put${entity}Policy` as const),
      ...holderName,
      policyName,
      policyDocument,
    }),
    /** Deletes an inline policy of the holder. */
    delete: z.strictObject({
      type: z.literal(`Delete${entity}Policy` as const),
      ...holderName,
      policyName,
    }),
    /** Attaches a managed policy to the holder. */
    attach: z.strictObject({
      type: z.literal(`Attach${entity}Policy` as const),
      ...holderName,
      policyArn: arn,
    }),
    /** Detaches a managed policy from the holder. */
    detach: z.strictObject({
      type: z.literal(`Detach${entity}Policy` as const),
      ...holderName,
      policyArn: arn,
    }),
  };
}

/**
 * {@link policyHolderCommandSchemas} plus the boundary and tag commands of
 * users and roles: `Put<X>PermissionsBoundary`, `Delete<X>PermissionsBoundary`,
 * `Tag<X>`, `Untag<X>`.
 */
export function principalHolderCommandSchemas<
  Entity extends 'User' | 'Role',
  HolderName extends Readonly<Record<string, z.ZodString>>,
>(entity: Entity, holderName: HolderName) {
  return {
    ...policyHolderCommandSchemas(entity, holderName),
    /** Sets the managed policy that caps the holder's permissions. */
    putBoundary: z.strictObject({
      type: z.literal(`Put${entity}PermissionsBoundary` as const),
      ...holderName,
      permissionsBoundary: arn,
    }),
    /** Removes the holder's permissions boundary. */
    deleteBoundary: z.strictObject({
      type: z.literal(`Delete${entity}PermissionsBoundary` as const),
      ...holderName,
    }),
    ...tagCommandSchemas(entity, holderName),
  };
}
