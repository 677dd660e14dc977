import { createHash } from 'node:crypto';
import type { RepositoryFinding } from '../findings/finding.js';
import type { DesiredGroup, DesiredPolicy, DesiredRole, DesiredUser } from './repositoryModel.js';
import type { SourceFile } from './sourceFile.js';

/** What reading a repository gathers as it goes: entities, findings, files and their digest. */
export class Collector {
  readonly findings: RepositoryFinding[] = [];
  readonly files: string[] = [];
  readonly hash = createHash('sha256');
  readonly policies: DesiredPolicy[] = [];
  readonly users: DesiredUser[] = [];
  readonly groups: DesiredGroup[] = [];
  readonly roles: DesiredRole[] = [];
  /**
   * Names of entities whose file did not fit the schema: they exist, so references to them
   * are not reported again as unknown.
   */
  readonly unparsed = {
    policy: new Set<string>(),
    user: new Set<string>(),
    group: new Set<string>(),
    role: new Set<string>(),
  };
  /** Source files by their path relative to the root (for reference checks). */
  readonly sources = new Map<string, SourceFile>();
}
