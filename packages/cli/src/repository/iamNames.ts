/** IAM's limits on names, paths and tags (the iam package checks the same at the API). */
const NAME = /^[\w+=,.@-]+$/;

/** The longest name IAM accepts per kind. */
export const NAME_LENGTH = {
  user: 64,
  group: 128,
  role: 64,
  policy: 128,
  inlinePolicy: 128,
} as const;

/** Why a name is refused, or undefined. */
export function nameProblem(kind: keyof typeof NAME_LENGTH, name: string): string | undefined {
  if (name.length === 0 || name.length > NAME_LENGTH[kind]) {
    return `a ${describe(kind)} name has 1 to ${NAME_LENGTH[kind]} characters, \`${name}\` has ${name.length}`;
  }
  if (!NAME.test(name)) {
    return `\`${name}\` is not a valid ${describe(kind)} name (letters, digits and \`+=,.@_-\` only)`;
  }
  return undefined;
}

/** Why a path is refused, or undefined. */
export function pathProblem(path: string): string | undefined {
  if (path.length > 512) return `a path has at most 512 characters`;
  // IAM's (and @gatehouse/iam's) pattern exactly: anything stricter would refuse exported paths.
  if (path === '/' || /^\/[\u0021-\u007E]+\/$/.test(path)) return undefined;
  return `\`${path}\` is not a path: \`/\` or \`/segment/.../\` (printable ASCII)`;
}

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Why a tag is refused, or undefined. */
export function tagProblem(key: string, value: string): string | undefined {
  if (key.length === 0 || key.length > 128) return `a tag key has 1 to 128 characters`;
  if (!TAG_TEXT.test(key)) return `tag key \`${key}\` has characters IAM does not allow`;
  if (value.length > 256) return `the value of tag \`${key}\` is longer than 256 characters`;
  if (!TAG_TEXT.test(value)) return `the value of tag \`${key}\` has characters IAM does not allow`;
  return undefined;
}

/** IAM's quotas per entity that the repository can break. */
export const QUOTAS = {
  managedPoliciesPerEntity: 10,
  groupsPerUser: 10,
  tagsPerEntity: 50,
} as const;

function describe(kind: keyof typeof NAME_LENGTH): string {
  return kind === 'inlinePolicy' ? 'inline policy' : kind;
}
