import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseApprovalRules } from '@gatehouse/workflow/rules';
import type { z } from 'zod';
import { CliError } from '../cli/cliError.js';
import type { RepositoryFinding } from '../findings/finding.js';
import { compareRepositoryFindings } from '../findings/finding.js';
import {
  DEFAULT_MAX_SESSION_DURATION,
  type PolicyDocument,
  type Tags,
} from '../state/accountState.js';
import { checkReferences } from './checkReferences.js';
import { Collector } from './collector.js';
import { nameProblem, pathProblem, QUOTAS, tagProblem, type NAME_LENGTH } from './iamNames.js';
import { escapePointerToken } from './jsonPointer.js';
import {
  bareJsonPolicyFindings,
  embeddedPolicyFindings,
  type PolicyUse,
} from './policyFindings.js';
import {
  groupFileSchema,
  policyFileSchema,
  repositoryConfigSchema,
  roleFileSchema,
  userFileSchema,
} from './repositorySchema.js';
import type { DesiredApprovalRules, RepositoryConfig, RepositoryModel } from './repositoryModel.js';
import { repositoryFinding, schemaFindings } from './schemaFindings.js';
import { SourceFile } from './sourceFile.js';

/** The result of reading a repository: what parsed, and every finding. */
export interface LoadedRepository {
  readonly model: RepositoryModel;
  /** Sorted by file, line, column. */
  readonly findings: readonly RepositoryFinding[];
  /** Files read, relative to the working directory. */
  readonly files: readonly string[];
}

/** Options of {@link loadRepository}. */
export interface LoadRepositoryOptions {
  /** The working directory: `dir` is resolved against it and findings' file names are relative to it. */
  readonly cwd?: string | undefined;
}

/** The directories of the layout, in the order they are read. */
export const ENTITY_DIRECTORIES = ['policies', 'boundaries', 'groups', 'users', 'roles'] as const;
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** More files than this in the entity directories are refused (bounded memory and time). */
const MAX_ENTRIES = 20_000;
/** Files larger than this are refused (a repository is text written by people). */
const MAX_FILE_BYTES = 1024 * 1024;

type Directory = (typeof ENTITY_DIRECTORIES)[number];

/**
 * Reads a repository directory (README, "Repository format"): every file parsed with positions,
 * checked against the repository schema and IAM's rules, every policy document validated by
 * @gatehouse/policy. Never throws for content; throws `CliError` (USAGE) when `dir` is not a
 * directory.
 */
export async function loadRepository(
  dir: string,
  options: LoadRepositoryOptions = {},
): Promise<LoadedRepository> {
  const cwd = options.cwd ?? process.cwd();
  const root = path.resolve(cwd, dir);
  const rootStat = await stat(root).catch(() => undefined);
  if (rootStat?.isDirectory() !== true) {
    throw new CliError('USAGE', `\`${dir}\` is not a directory`, {
      hint: 'give the directory of a policy repository (see `gatehouse validate --help`)',
    });
  }
  const display = (absolute: string): string =>
    path.relative(cwd, absolute).split(path.sep).join('/') || '.';
  const out = new Collector();
  const topLevel = new Set(await readdir(root));

  const config = await readConfig(root, topLevel, display, out);
  let entryCount = 0;
  for (const directory of ENTITY_DIRECTORIES) {
    if (!topLevel.has(directory)) continue;
    const absolute = path.join(root, directory);
    if (!(await stat(absolute)).isDirectory()) continue;
    const entries = await readdir(absolute, { withFileTypes: true });
    entryCount += entries.length;
    if (entryCount > MAX_ENTRIES) {
      throw new CliError(
        'USAGE',
        `\`${dir}\` has more than ${MAX_ENTRIES} files in its entity directories`,
        {
          hint: 'a repository describes one account; IAM accounts hold far fewer entities',
        },
      );
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const file = path.join(absolute, entry.name);
      const extension = path.extname(entry.name).toLowerCase();
      if (!entry.isFile() || !EXTENSIONS.has(extension)) {
        const source = new SourceFile(display(file), '', 'yaml');
        out.findings.push(
          repositoryFinding(
            source,
            'UNEXPECTED_FILE',
            `\`${directory}/${entry.name}\` is not a .yaml, .yml or .json file: ignored`,
            '',
          ),
        );
        continue;
      }
      const source = await readSource(file, display, out);
      if (source === undefined) continue;
      const relative = `${directory}/${entry.name}`;
      out.sources.set(relative, source);
      readEntity(
        directory,
        path.basename(entry.name, path.extname(entry.name)),
        source,
        relative,
        out,
      );
    }
  }
  const approvalRules = await readApprovalRules(root, topLevel, display, out);
  checkReferences(out, config);

  const model: RepositoryModel = {
    root,
    config,
    policies: out.policies,
    users: out.users,
    groups: out.groups,
    roles: out.roles,
    ...(approvalRules === undefined ? {} : { approvalRules }),
    digest: `sha256:${out.hash.digest('hex')}`,
  };
  return { model, findings: out.findings.sort(compareRepositoryFindings), files: out.files };
}

async function readSource(
  file: string,
  display: (absolute: string) => string,
  out: Collector,
): Promise<SourceFile | undefined> {
  const format = path.extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
  const info = await stat(file);
  if (info.size > MAX_FILE_BYTES) {
    out.findings.push(
      repositoryFinding(
        new SourceFile(display(file), '', format),
        'INVALID_VALUE',
        `the file is larger than ${MAX_FILE_BYTES} bytes`,
        '',
      ),
    );
    return undefined;
  }
  const text = await readFile(file, 'utf8');
  out.files.push(display(file));
  out.hash.update(`${display(file)}\0${text}\0`);
  return new SourceFile(display(file), text, format);
}

function syntaxFindings(source: SourceFile): RepositoryFinding[] {
  return source.problems.map((problem) => ({
    severity: 'ERROR',
    code: 'SYNTAX_ERROR',
    source: 'repository',
    message: problem.message,
    file: source.file,
    line: problem.line,
    column: problem.column,
    pointer: '',
  }));
}

/** Where a file kind holds policy documents, and how each is validated. */
type DocumentSlots = readonly {
  readonly pointer: string;
  readonly use: PolicyUse;
  readonly map?: boolean;
}[];

/**
 * Parses `value` with `schema`, reporting issues; undefined when it does not fit. The policy
 * documents of a file that does not fit are still validated where they are mappings, so one
 * mistake does not hide the others.
 */
function parseWith<S extends z.ZodType>(
  schema: S,
  source: SourceFile,
  out: Collector,
  documents: DocumentSlots = [],
): z.infer<S> | undefined {
  if (source.problems.length > 0) {
    out.findings.push(...syntaxFindings(source));
    return undefined;
  }
  const result = schema.safeParse(source.value);
  if (!result.success) {
    out.findings.push(...schemaFindings(source, result.error.issues, source.value));
    const value = source.value;
    if (isMapping(value)) {
      for (const slot of documents) {
        const key = slot.pointer.slice(1);
        const held = value[key];
        if (!isMapping(held)) continue;
        const entries = slot.map === true ? Object.entries(held) : [['', held] as const];
        for (const [name, document] of entries) {
          if (!isMapping(document)) continue;
          const pointer =
            slot.map === true ? `${slot.pointer}/${escapePointerToken(name)}` : slot.pointer;
          out.findings.push(...embeddedPolicyFindings(source, pointer, document, slot.use));
        }
      }
    }
    return undefined;
  }
  return result.data;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readConfig(
  root: string,
  topLevel: ReadonlySet<string>,
  display: (absolute: string) => string,
  out: Collector,
): Promise<RepositoryConfig> {
  const name = ['gatehouse.yaml', 'gatehouse.yml', 'gatehouse.json'].find((n) => topLevel.has(n));
  const defaults: RepositoryConfig = { ignore: [], adminPrincipals: [] };
  if (name === undefined) {
    out.findings.push(
      repositoryFinding(
        new SourceFile(display(root), '', 'yaml'),
        'MISSING_REPOSITORY_FILE',
        'no `gatehouse.yaml` at the repository root: every live entity is compared with it',
        '',
        { help: 'add `gatehouse.yaml` with `version: 1` and the `account` it describes' },
      ),
    );
    return defaults;
  }
  const source = await readSource(path.join(root, name), display, out);
  if (source === undefined) return defaults;
  const value: unknown = source.value ?? {};
  if (source.problems.length > 0) {
    out.findings.push(...syntaxFindings(source));
    return defaults;
  }
  const result = repositoryConfigSchema.safeParse(value);
  if (!result.success) {
    out.findings.push(...schemaFindings(source, result.error.issues, value));
    return defaults;
  }
  const ignore = result.data.ignore ?? [];
  ignore.forEach((pattern, index) => {
    if (!/^(user|group|role|policy)\/[^/]+$/.test(pattern)) {
      out.findings.push(
        repositoryFinding(
          source,
          'INVALID_VALUE',
          `\`${pattern}\` is not an ignore pattern: write \`<user|group|role|policy>/<name pattern>\``,
          `/ignore/${index}`,
        ),
      );
    }
  });
  return {
    ...(result.data.account === undefined ? {} : { account: result.data.account }),
    ...(result.data.profile === undefined ? {} : { profile: result.data.profile }),
    ignore,
    adminPrincipals: result.data.analysis?.adminPrincipals ?? [],
  };
}

/**
 * `approval-rules.yaml`: validated by @gatehouse/workflow's own parser (the one the approvals
 * service publishes with), so validate reports exactly what publishing would refuse.
 */
async function readApprovalRules(
  root: string,
  topLevel: ReadonlySet<string>,
  display: (absolute: string) => string,
  out: Collector,
): Promise<DesiredApprovalRules | undefined> {
  const name = ['approval-rules.yaml', 'approval-rules.yml', 'approval-rules.json'].find((n) =>
    topLevel.has(n),
  );
  if (name === undefined) return undefined;
  const source = await readSource(path.join(root, name), display, out);
  if (source === undefined) return undefined;
  const result = parseApprovalRules(source.text, { format: source.format });
  if (!result.ok) {
    out.findings.push(
      ...result.errors.map((error): RepositoryFinding => ({
        severity: 'ERROR',
        code: error.code,
        source: 'approval-rules',
        message: error.message,
        ...(error.help === undefined ? {} : { help: error.help }),
        file: source.file,
        line: error.line,
        column: error.column,
        pointer: error.path,
      })),
    );
    return undefined;
  }
  return { file: name, source: source.text };
}

/** The entity's name: the file's name, which a `name` field must repeat if present. */
function entityName(
  kind: keyof typeof NAME_LENGTH,
  fileName: string,
  declared: string | undefined,
  source: SourceFile,
  out: Collector,
): string {
  if (declared !== undefined && declared !== fileName) {
    out.findings.push(
      repositoryFinding(
        source,
        'NAME_MISMATCH',
        `\`name\` is \`${declared}\` but the file is named \`${fileName}\``,
        '/name',
        { help: 'rename the file or remove `name` (the file name is the entity name)' },
      ),
    );
  }
  const problem = nameProblem(kind, fileName);
  if (problem !== undefined) {
    out.findings.push(
      repositoryFinding(source, 'INVALID_NAME', problem, declared === undefined ? '' : '/name'),
    );
  }
  return fileName;
}

function checkedPath(value: string | undefined, source: SourceFile, out: Collector): string {
  const result = value ?? '/';
  const problem = pathProblem(result);
  if (problem !== undefined) {
    out.findings.push(repositoryFinding(source, 'INVALID_PATH', problem, '/path'));
  }
  return result;
}

function checkedTags(value: Tags | undefined, source: SourceFile, out: Collector): Tags {
  const tags = value ?? {};
  for (const [key, tagValue] of Object.entries(tags)) {
    const problem = tagProblem(key, tagValue);
    if (problem !== undefined) {
      out.findings.push(
        repositoryFinding(source, 'INVALID_VALUE', problem, `/tags/${escapePointerToken(key)}`, {
          at: 'key',
        }),
      );
    }
  }
  if (Object.keys(tags).length > QUOTAS.tagsPerEntity) {
    out.findings.push(
      repositoryFinding(
        source,
        'QUOTA_EXCEEDED',
        `${Object.keys(tags).length} tags: IAM allows at most ${QUOTAS.tagsPerEntity}`,
        '/tags',
        { at: 'key' },
      ),
    );
  }
  return tags;
}

function checkedInline(
  value: Readonly<Record<string, PolicyDocument>> | undefined,
  source: SourceFile,
  use: PolicyUse,
  out: Collector,
): Readonly<Record<string, PolicyDocument>> {
  const policies = value ?? {};
  for (const [name, document] of Object.entries(policies)) {
    const pointer = `/inlinePolicies/${escapePointerToken(name)}`;
    const problem = nameProblem('inlinePolicy', name);
    if (problem !== undefined) {
      out.findings.push(repositoryFinding(source, 'INVALID_NAME', problem, pointer, { at: 'key' }));
    }
    if (name.startsWith('gatehouse-')) {
      out.findings.push(
        repositoryFinding(
          source,
          'INVALID_NAME',
          `inline policy names starting with \`gatehouse-\` are reserved for access grants`,
          pointer,
          { at: 'key' },
        ),
      );
    }
    out.findings.push(...embeddedPolicyFindings(source, pointer, document, use));
  }
  return policies;
}

function checkedAttachments(
  value: readonly string[] | undefined,
  source: SourceFile,
  out: Collector,
): readonly string[] {
  const list = value ?? [];
  if (list.length > QUOTAS.managedPoliciesPerEntity) {
    out.findings.push(
      repositoryFinding(
        source,
        'QUOTA_EXCEEDED',
        `${list.length} managed policies: IAM allows at most ${QUOTAS.managedPoliciesPerEntity} per entity`,
        '/policies',
        { at: 'key' },
      ),
    );
  }
  return list;
}

function isBareDocument(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !('document' in value) &&
    ('Statement' in value || 'Version' in value)
  );
}

function readEntity(
  directory: Directory,
  fileName: string,
  source: SourceFile,
  relative: string,
  out: Collector,
): void {
  switch (directory) {
    case 'policies':
    case 'boundaries': {
      const use: PolicyUse = {
        kind: directory === 'boundaries' ? 'boundary' : 'identity',
        sizeClass: 'managed',
      };
      const usage = directory === 'boundaries' ? 'boundary' : 'policy';
      // A bare JSON document: @gatehouse/policy parses the file itself (exact positions,
      // syntax errors and duplicate keys included).
      if (
        source.format === 'json' &&
        (source.problems.length > 0 || isBareDocument(source.value))
      ) {
        out.findings.push(...bareJsonPolicyFindings(source, use));
        const name = entityName('policy', fileName, undefined, source, out);
        if (source.problems.length === 0) {
          out.policies.push({
            name,
            path: '/',
            description: '',
            tags: {},
            document: source.value as PolicyDocument,
            usage,
            file: relative,
          });
        }
        return;
      }
      if (source.problems.length === 0 && isBareDocument(source.value)) {
        out.findings.push(...embeddedPolicyFindings(source, '', source.value, use));
        out.policies.push({
          name: entityName('policy', fileName, undefined, source, out),
          path: '/',
          description: '',
          tags: {},
          document: source.value as PolicyDocument,
          usage,
          file: relative,
        });
        return;
      }
      const parsed = parseWith(policyFileSchema, source, out, [{ pointer: '/document', use }]);
      if (parsed === undefined) {
        out.unparsed.policy.add(fileName);
        return;
      }
      out.findings.push(...embeddedPolicyFindings(source, '/document', parsed.document, use));
      out.policies.push({
        name: entityName('policy', fileName, parsed.name, source, out),
        path: checkedPath(parsed.path, source, out),
        description: parsed.description ?? '',
        tags: checkedTags(parsed.tags, source, out),
        document: parsed.document,
        usage,
        file: relative,
      });
      return;
    }
    case 'users': {
      const parsed = parseWith(userFileSchema, source, out, [
        {
          pointer: '/inlinePolicies',
          use: { kind: 'identity', sizeClass: 'inline-user' },
          map: true,
        },
      ]);
      if (parsed === undefined) {
        out.unparsed.user.add(fileName);
        return;
      }
      out.users.push({
        name: entityName('user', fileName, parsed.name, source, out),
        path: checkedPath(parsed.path, source, out),
        tags: checkedTags(parsed.tags, source, out),
        groups: parsed.groups ?? [],
        policies: checkedAttachments(parsed.policies, source, out),
        inlinePolicies: checkedInline(
          parsed.inlinePolicies,
          source,
          { kind: 'identity', sizeClass: 'inline-user' },
          out,
        ),
        ...(parsed.permissionsBoundary === undefined
          ? {}
          : { permissionsBoundary: parsed.permissionsBoundary }),
        file: relative,
      });
      return;
    }
    case 'groups': {
      const parsed = parseWith(groupFileSchema, source, out, [
        {
          pointer: '/inlinePolicies',
          use: { kind: 'identity', sizeClass: 'inline-group' },
          map: true,
        },
      ]);
      if (parsed === undefined) {
        out.unparsed.group.add(fileName);
        return;
      }
      out.groups.push({
        name: entityName('group', fileName, parsed.name, source, out),
        path: checkedPath(parsed.path, source, out),
        members: parsed.members ?? [],
        policies: checkedAttachments(parsed.policies, source, out),
        inlinePolicies: checkedInline(
          parsed.inlinePolicies,
          source,
          { kind: 'identity', sizeClass: 'inline-group' },
          out,
        ),
        file: relative,
      });
      return;
    }
    case 'roles': {
      const parsed = parseWith(roleFileSchema, source, out, [
        { pointer: '/trustPolicy', use: { kind: 'trust', sizeClass: 'trust' } },
        {
          pointer: '/inlinePolicies',
          use: { kind: 'identity', sizeClass: 'inline-role' },
          map: true,
        },
      ]);
      if (parsed === undefined) {
        out.unparsed.role.add(fileName);
        return;
      }
      out.findings.push(
        ...embeddedPolicyFindings(source, '/trustPolicy', parsed.trustPolicy, {
          kind: 'trust',
          sizeClass: 'trust',
        }),
      );
      out.roles.push({
        name: entityName('role', fileName, parsed.name, source, out),
        path: checkedPath(parsed.path, source, out),
        description: parsed.description ?? '',
        maxSessionDuration: parsed.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
        trustPolicy: parsed.trustPolicy,
        tags: checkedTags(parsed.tags, source, out),
        policies: checkedAttachments(parsed.policies, source, out),
        inlinePolicies: checkedInline(
          parsed.inlinePolicies,
          source,
          { kind: 'identity', sizeClass: 'inline-role' },
          out,
        ),
        ...(parsed.permissionsBoundary === undefined
          ? {}
          : { permissionsBoundary: parsed.permissionsBoundary }),
        file: relative,
      });
      return;
    }
  }
}
