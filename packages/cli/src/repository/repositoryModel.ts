import type { PolicyDocument, Tags } from '../state/accountState.js';

/** `gatehouse.yaml`, with defaults filled in. */
export interface RepositoryConfig {
  /** The account the repository describes; plan and apply refuse another one. */
  readonly account?: string | undefined;
  /** The profile plan and apply use when none is given. */
  readonly profile?: string | undefined;
  /** `<kind>/<name>` patterns (`*`, `?`) of live entities the repository does not manage. */
  readonly ignore: readonly string[];
  /** ARN patterns allowed to hold admin-equivalent access (mirror of the gateway's setting). */
  readonly adminPrincipals: readonly string[];
}

/** Where an entity is defined: the file relative to the repository root. */
export interface Defined {
  readonly file: string;
}

/** A managed policy of the repository (`policies/` or `boundaries/`). */
export interface DesiredPolicy extends Defined {
  readonly name: string;
  readonly path: string;
  readonly description: string;
  readonly tags: Tags;
  readonly document: PolicyDocument;
  /** Which directory it is in: `boundary` documents are validated as permissions boundaries. */
  readonly usage: 'policy' | 'boundary';
}

/** A user of the repository. Policy references are names of the repository's policies or ARNs. */
export interface DesiredUser extends Defined {
  readonly name: string;
  readonly path: string;
  readonly tags: Tags;
  readonly groups: readonly string[];
  readonly policies: readonly string[];
  readonly inlinePolicies: Readonly<Record<string, PolicyDocument>>;
  readonly permissionsBoundary?: string | undefined;
}

/** A group of the repository. */
export interface DesiredGroup extends Defined {
  readonly name: string;
  readonly path: string;
  readonly members: readonly string[];
  readonly policies: readonly string[];
  readonly inlinePolicies: Readonly<Record<string, PolicyDocument>>;
}

/** A role of the repository. */
export interface DesiredRole extends Defined {
  readonly name: string;
  readonly path: string;
  readonly description: string;
  readonly maxSessionDuration?: number | undefined;
  readonly trustPolicy: PolicyDocument;
  readonly tags: Tags;
  readonly policies: readonly string[];
  readonly inlinePolicies: Readonly<Record<string, PolicyDocument>>;
  readonly permissionsBoundary?: string | undefined;
}

/** The approval rules file. */
export interface DesiredApprovalRules extends Defined {
  readonly source: string;
}

/** A repository as read from disk (what parsed; see the findings for what did not). */
export interface RepositoryModel {
  /** Absolute path of the repository root. */
  readonly root: string;
  readonly config: RepositoryConfig;
  readonly policies: readonly DesiredPolicy[];
  readonly users: readonly DesiredUser[];
  readonly groups: readonly DesiredGroup[];
  readonly roles: readonly DesiredRole[];
  readonly approvalRules?: DesiredApprovalRules | undefined;
  /** SHA-256 over every file read (path and content). */
  readonly digest: string;
}
