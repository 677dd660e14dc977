import { closestMatch } from '../document/suggest.js';
import {
  actionLanguage,
  languageMatches,
  type PatternLanguage,
} from '../patterns/patternLanguage.js';
import { PolicyError } from '../policyError.js';
import { GLOBAL_CONDITION_KEYS } from './globalConditionKeys.js';
import type {
  AccessLevel,
  ActionResourceType,
  ConditionKeyDefinition,
  ResourceTypeDefinition,
  ServiceDefinition,
} from './serviceDefinition.js';

/** An action of the catalogue, resolved: prefix, canonical name and everything it supports. */
export interface CatalogueAction {
  /** Position in `Catalogue.actions`; stable for one catalogue value. */
  readonly id: number;
  readonly service: string;
  /** `iam:CreateUser`. */
  readonly name: string;
  /** `iam:createuser`: actions compare case-insensitively. */
  readonly key: string;
  readonly accessLevel: AccessLevel;
  readonly resourceTypes: readonly ActionResourceType[];
  /** The action's own condition keys and those of its resource types. */
  readonly conditionKeys: readonly string[];
}

const PREFIX = /^[a-z0-9][a-z0-9-]*$/;
const ACTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Bound on remembered pattern expansions, so odd inputs cannot grow the memo without end. */
const MAX_REMEMBERED_PATTERNS = 4096;

/**
 * An immutable catalogue of services: which actions exist, their access levels, resource types
 * and condition keys. Built with `createCatalogue` and extended with `withServices`, which
 * return new values, so a catalogue can be shared freely; the analysis and validation take it
 * as an argument rather than reading global state.
 */
export class Catalogue {
  readonly #services: ReadonlyMap<string, ServiceDefinition>;
  readonly #actions: readonly CatalogueAction[];
  readonly #byKey: ReadonlyMap<string, CatalogueAction>;
  readonly #byService: ReadonlyMap<string, readonly CatalogueAction[]>;
  readonly #conditionKeys: readonly ConditionKeyMatcher[];
  readonly #expansions = new Map<string, readonly CatalogueAction[]>();
  readonly #actionKeys = new Map<number, readonly ConditionKeyMatcher[]>();

  private constructor(services: readonly ServiceDefinition[]) {
    const byPrefix = new Map<string, ServiceDefinition>();
    const actions: CatalogueAction[] = [];
    const byKey = new Map<string, CatalogueAction>();
    const byService = new Map<string, CatalogueAction[]>();
    const keys: ConditionKeyDefinition[] = [...GLOBAL_CONDITION_KEYS];
    for (const service of services) {
      checkService(service);
      if (byPrefix.has(service.prefix)) {
        throw new PolicyError(
          'DUPLICATE_SERVICE',
          `service prefix \`${service.prefix}\` is already in the catalogue`,
        );
      }
      byPrefix.set(service.prefix, service);
      const resourceKeys = new Map<string, readonly string[]>(
        service.resourceTypes.map((type) => [type.name, type.conditionKeys]),
      );
      const list: CatalogueAction[] = [];
      for (const definition of service.actions) {
        const name = `${service.prefix}:${definition.name}`;
        const key = name.toLowerCase();
        if (byKey.has(key)) {
          throw new PolicyError(
            'INVALID_SERVICE_DEFINITION',
            `action \`${name}\` is defined twice`,
          );
        }
        const conditionKeys = new Set(definition.conditionKeys);
        for (const type of definition.resourceTypes) {
          for (const k of resourceKeys.get(type.name) ?? []) conditionKeys.add(k);
        }
        const action: CatalogueAction = Object.freeze({
          id: actions.length,
          service: service.prefix,
          name,
          key,
          accessLevel: definition.accessLevel,
          resourceTypes: definition.resourceTypes,
          conditionKeys: [...conditionKeys],
        });
        actions.push(action);
        list.push(action);
        byKey.set(key, action);
      }
      byService.set(service.prefix, list);
      keys.push(...service.conditionKeys);
    }
    this.#services = byPrefix;
    this.#actions = actions;
    this.#byKey = byKey;
    this.#byService = byService;
    this.#conditionKeys = keys.map(conditionKeyMatcher);
  }

  /** A catalogue of the given services (the global `aws:` condition keys are always known). */
  static of(services: readonly ServiceDefinition[]): Catalogue {
    return new Catalogue(services);
  }

  /** A new catalogue with these services added; a prefix already present is an error. */
  withServices(services: readonly ServiceDefinition[]): Catalogue {
    return new Catalogue([...this.#services.values(), ...services]);
  }

  /** The services, in registration order. */
  get services(): readonly ServiceDefinition[] {
    return [...this.#services.values()];
  }

  /** Every action, indexed by `id`. */
  get actions(): readonly CatalogueAction[] {
    return this.#actions;
  }

  /** The service with this prefix (case-insensitive). */
  service(prefix: string): ServiceDefinition | undefined {
    return this.#services.get(prefix.toLowerCase());
  }

  /** The actions of one service, empty for an unknown prefix. */
  actionsOf(prefix: string): readonly CatalogueAction[] {
    return this.#byService.get(prefix.toLowerCase()) ?? [];
  }

  /** The action with this name (`iam:CreateUser`, any case). */
  action(name: string): CatalogueAction | undefined {
    return this.#byKey.get(name.toLowerCase());
  }

  /** The resource type of a service, by name. */
  resourceType(prefix: string, name: string): ResourceTypeDefinition | undefined {
    return this.service(prefix)?.resourceTypes.find((type) => type.name === name);
  }

  /** Every action an Action pattern (`iam:Create*`, `*`) matches. */
  expand(pattern: string): readonly CatalogueAction[] {
    const lowered = pattern.toLowerCase();
    const known = this.#expansions.get(lowered);
    if (known !== undefined) return known;
    let found: readonly CatalogueAction[];
    if (lowered === '*') found = this.#actions;
    else if (!/[*?]/.test(lowered)) {
      const action = this.#byKey.get(lowered);
      found = action === undefined ? [] : [action];
    } else {
      const colon = lowered.indexOf(':');
      const prefix = colon < 0 ? '' : lowered.slice(0, colon);
      const candidates = /[*?]/.test(prefix) ? this.#actions : (this.#byService.get(prefix) ?? []);
      const language: PatternLanguage = actionLanguage(lowered);
      found = candidates.filter((action) => languageMatches(language, action.key));
    }
    if (this.#expansions.size >= MAX_REMEMBERED_PATTERNS) this.#expansions.clear();
    this.#expansions.set(lowered, found);
    return found;
  }

  /** Whether a condition key is defined for the action (or is a global key). */
  supportsConditionKey(action: CatalogueAction, key: string): boolean {
    const lowered = key.toLowerCase();
    if (this.#conditionKeys.some((m) => m.global && m.matches(lowered))) return true;
    let matchers = this.#actionKeys.get(action.id);
    if (matchers === undefined) {
      matchers = action.conditionKeys.map((k) => conditionKeyMatcher({ key: k, type: 'String' }));
      this.#actionKeys.set(action.id, matchers);
    }
    return matchers.some((m) => m.matches(lowered));
  }

  /** The definition of a condition key known to the catalogue (global or of a service). */
  conditionKey(key: string): ConditionKeyDefinition | undefined {
    const lowered = key.toLowerCase();
    return this.#conditionKeys.find((m) => m.matches(lowered))?.definition;
  }

  /** "did you mean" candidates: the closest action name of the same service. */
  suggestAction(name: string): string | undefined {
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    return closestMatch(
      name,
      this.actionsOf(prefix).map((action) => action.name),
    );
  }

  /** "did you mean" candidates: the closest service prefix. */
  suggestService(prefix: string): string | undefined {
    return closestMatch(prefix, [...this.#services.keys()]);
  }
}

interface ConditionKeyMatcher {
  readonly definition: ConditionKeyDefinition;
  readonly global: boolean;
  matches(loweredKey: string): boolean;
}

/** `aws:RequestTag/${TagKey}` matches `aws:requesttag/team`; keys compare case-insensitively. */
function conditionKeyMatcher(definition: ConditionKeyDefinition): ConditionKeyMatcher {
  const lowered = definition.key.toLowerCase();
  const global = lowered.startsWith('aws:');
  const dollar = lowered.indexOf('${');
  if (dollar < 0) return { definition, global, matches: (key) => key === lowered };
  const prefix = lowered.slice(0, dollar);
  return {
    definition,
    global,
    matches: (key) => key.startsWith(prefix) && key.length > prefix.length,
  };
}

function checkService(service: ServiceDefinition): void {
  const fail = (message: string): never => {
    throw new PolicyError('INVALID_SERVICE_DEFINITION', message);
  };
  if (typeof service.prefix !== 'string' || !PREFIX.test(service.prefix)) {
    fail(
      `\`${JSON.stringify(service.prefix)}\` is not a service prefix (lowercase letters, digits, \`-\`)`,
    );
  }
  if (!Array.isArray(service.actions) || !Array.isArray(service.resourceTypes)) {
    fail(`service \`${service.prefix}\` needs \`actions\` and \`resourceTypes\` lists`);
  }
  const types = new Set(service.resourceTypes.map((type) => type.name));
  for (const action of service.actions) {
    if (!ACTION_NAME.test(action.name)) fail(`\`${action.name}\` is not an action name`);
    for (const type of action.resourceTypes) {
      if (!types.has(type.name)) {
        fail(
          `action \`${service.prefix}:${action.name}\` names unknown resource type \`${type.name}\``,
        );
      }
    }
  }
}

/** A catalogue of the given services: the entry point for teams registering their systems. */
export function createCatalogue(services: readonly ServiceDefinition[]): Catalogue {
  return Catalogue.of(services);
}
