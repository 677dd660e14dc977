import { z } from 'zod';

// The shapes of the repository's files (README, "Repository format"). zod checks structure and
// types; names, paths, tags and references are checked afterwards with their own finding codes.

const tags = z.record(z.string(), z.string());
const document = z.record(z.string(), z.unknown());
const names = z.array(z.string());
const inlinePolicies = z.record(z.string(), document);

/** `gatehouse.yaml`. */
export const repositoryConfigSchema = z.strictObject({
  version: z.literal(1).optional(),
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  profile: z.string().optional(),
  ignore: names.optional(),
  analysis: z
    .strictObject({
      adminPrincipals: names.optional(),
    })
    .optional(),
});

/** `policies/<name>.yaml|json` and `boundaries/<name>.yaml|json` (the definition form). */
export const policyFileSchema = z.strictObject({
  name: z.string().optional(),
  path: z.string().optional(),
  description: z.string().max(1000).optional(),
  tags: tags.optional(),
  document,
});

/** `users/<name>.yaml|json`. */
export const userFileSchema = z.strictObject({
  name: z.string().optional(),
  path: z.string().optional(),
  tags: tags.optional(),
  groups: names.optional(),
  policies: names.optional(),
  inlinePolicies: inlinePolicies.optional(),
  permissionsBoundary: z.string().optional(),
});

/** `groups/<name>.yaml|json`. */
export const groupFileSchema = z.strictObject({
  name: z.string().optional(),
  path: z.string().optional(),
  members: names.optional(),
  policies: names.optional(),
  inlinePolicies: inlinePolicies.optional(),
});

/** `roles/<name>.yaml|json`. */
export const roleFileSchema = z.strictObject({
  name: z.string().optional(),
  path: z.string().optional(),
  description: z.string().max(1000).optional(),
  maxSessionDuration: z.number().int().min(3600).max(43200).optional(),
  trustPolicy: document,
  tags: tags.optional(),
  policies: names.optional(),
  inlinePolicies: inlinePolicies.optional(),
  permissionsBoundary: z.string().optional(),
});

/** Every field name of the repository's files, for "did you mean" on unknown fields. */
export const KNOWN_FIELDS = [
  ...Object.keys(repositoryConfigSchema.shape),
  'adminPrincipals',
  ...Object.keys(policyFileSchema.shape),
  ...Object.keys(userFileSchema.shape),
  ...Object.keys(groupFileSchema.shape),
  ...Object.keys(roleFileSchema.shape),
];

/** The inferred types of the file shapes. */
export type RepositoryConfigFile = z.infer<typeof repositoryConfigSchema>;
export type PolicyFile = z.infer<typeof policyFileSchema>;
export type UserFile = z.infer<typeof userFileSchema>;
export type GroupFile = z.infer<typeof groupFileSchema>;
export type RoleFile = z.infer<typeof roleFileSchema>;
