import type { RequestContextInput } from '@gatehouse/policy';

/** `aws:RequestTag/<key>` for each tag and `aws:TagKeys`, as IAM sets them for tagging actions. */
export function requestTagKeys(
  tags: readonly { readonly key: string; readonly value: string }[] | null | undefined,
): RequestContextInput {
  if (tags === null || tags === undefined || tags.length === 0) return {};
  const context: Record<string, string | string[]> = { 'aws:TagKeys': tags.map((t) => t.key) };
  for (const tag of tags) context[`aws:RequestTag/${tag.key}`] = tag.value;
  return context;
}

/** `aws:TagKeys` for untagging actions. */
export function tagKeysKey(tagKeys: readonly string[]): RequestContextInput {
  return { 'aws:TagKeys': [...tagKeys] };
}

/** `iam:PermissionsBoundary` when a boundary is set by the action. */
export function permissionsBoundaryKey(arn: string | null | undefined): RequestContextInput {
  return arn === null || arn === undefined ? {} : { 'iam:PermissionsBoundary': arn };
}

/** `iam:PolicyARN` for attach and detach actions. */
export function policyArnKey(arn: string): RequestContextInput {
  return { 'iam:PolicyARN': arn };
}
