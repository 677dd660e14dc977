import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type YAMLMap,
} from 'yaml';
import { MAX_ALTERNATIVES, countAlternatives, leavesOf } from '../quorum/alternatives.js';
import { formatDuration, parseDuration } from '../shared/durations.js';
import type { RuleFileError, RuleFileErrorCode } from './ruleFileError.js';
import { closest } from './suggest.js';
import {
  RISK_LEVELS,
  type ApprovalRule,
  type ApprovalRuleSet,
  type ResourceOwners,
  type ReviewerRequirement,
  type RiskLevel,
  type RuleMatch,
} from './types.js';

/** The outcome of {@link parseApprovalRules}: the rule set, or every error found (sorted by position). */
export type ParseRulesResult =
  | { readonly ok: true; readonly ruleSet: ApprovalRuleSet }
  | { readonly ok: false; readonly errors: readonly RuleFileError[] };

/** Options of {@link parseApprovalRules}. */
export interface ParseRulesOptions {
  /** `json` parses with YAML's JSON schema (JSON is YAML 1.2); `yaml` by default. */
  readonly format?: 'yaml' | 'json';
  /** Largest accepted file (default 64 KiB). */
  readonly maxBytes?: number;
}

/** Bounds of a rules file. */
export const RULE_FILE_LIMITS = Object.freeze({
  rules: 200,
  owners: 200,
  patternsPerList: 50,
  patternLength: 512,
  leavesPerRule: 16,
  depth: 4,
  count: 20,
  nameLength: 64,
  descriptionLength: 500,
  minPendingTimeoutSeconds: 60,
  maxPendingTimeoutSeconds: 30 * 86_400,
  minDurationSeconds: 60,
  maxDurationSeconds: 90 * 86_400,
  maxMfaAgeSeconds: 86_400,
});

const DEFAULT_PENDING_TIMEOUT_SECONDS = 72 * 3600;
const DEFAULT_MAX_MFA_AGE_SECONDS = 3600;
const NAME = /^[a-z0-9][a-z0-9._-]*$/;
const GROUP_NAME = /^[\w+=,.@-]{1,128}$/;
const ARN_LIKE = /^arn:[^\s]*$/;

interface Defaults {
  pendingTimeoutSeconds: number;
  requireMfa: boolean;
  maxMfaAgeSeconds: number;
  maxDurationSeconds: number | null;
}

/**
 * Parses and validates an approval rules file (YAML or JSON). Never throws for
 * the file's content: every problem is returned located (pointer, line,
 * column), sorted by position, so a CI check can print `file:line:column`.
 */
export function parseApprovalRules(
  text: string,
  options: ParseRulesOptions = {},
): ParseRulesResult {
  const maxBytes = options.maxBytes ?? 64 * 1024;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    return {
      ok: false,
      errors: [
        {
          code: 'TOO_LARGE',
          message: `the rules file exceeds ${maxBytes} bytes`,
          path: '',
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    ...(options.format === 'json' ? { schema: 'json' as const } : {}),
  });
  const checker = new Checker(lineCounter);
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      checker.errorAt(error.pos[0], 'SYNTAX_ERROR', syntaxMessage(error.message), '');
    }
    return { ok: false, errors: checker.sorted() };
  }
  const ruleSet = checker.ruleSet(document.contents);
  const errors = checker.sorted();
  return errors.length > 0 || ruleSet === undefined ? { ok: false, errors } : { ok: true, ruleSet };
}

function syntaxMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  const text = firstLine.replace(/ at line \d+, column \d+.*$/, '').replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

type Fields = Map<string, { readonly key: YamlNode; readonly value: YamlNode | null }>;

/** Walks the YAML tree, collecting located errors. */
class Checker {
  readonly #lines: LineCounter;
  readonly #errors: (RuleFileError & { offset: number })[] = [];
  /** Pointers of fields reported as misspelt: not reported missing as well. */
  readonly #misspelt = new Set<string>();

  constructor(lines: LineCounter) {
    this.#lines = lines;
  }

  sorted(): RuleFileError[] {
    return this.#errors
      .sort((a, b) => a.offset - b.offset || a.path.localeCompare(b.path))
      .map(({ offset: _offset, ...error }) => error);
  }

  errorAt(
    offset: number,
    code: RuleFileErrorCode,
    message: string,
    path: string,
    help?: string,
  ): void {
    const { line, col } = this.#lines.linePos(offset);
    this.#errors.push({
      code,
      message,
      path,
      line,
      column: col,
      offset,
      ...(help === undefined ? {} : { help }),
    });
  }

  error(
    node: YamlNode | null | undefined,
    code: RuleFileErrorCode,
    message: string,
    path: string,
    help?: string,
  ): void {
    this.errorAt(node?.range?.[0] ?? 0, code, message, path, help);
  }

  #fields(
    node: YamlNode | null,
    path: string,
    allowed: readonly string[],
    what: string,
  ): Fields | undefined {
    if (isAlias(node)) {
      this.error(node, 'INVALID_VALUE', 'aliases are not supported in rules files', path);
      return undefined;
    }
    if (!isMap(node)) {
      this.error(node, 'INVALID_TYPE', `${what} must be a mapping`, path);
      return undefined;
    }
    const fields: Fields = new Map();
    for (const pair of (node as YAMLMap<YamlNode, YamlNode | null>).items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') {
        this.error(key, 'INVALID_TYPE', 'keys must be strings', path);
        continue;
      }
      const name = key.value;
      if (!allowed.includes(name)) {
        const suggestion = closest(name, allowed);
        if (suggestion !== undefined) this.#misspelt.add(pointer(path, suggestion));
        this.error(
          key,
          'UNKNOWN_FIELD',
          `unknown field \`${name}\` in ${what}`,
          pointer(path, name),
          suggestion === undefined ? undefined : `did you mean \`${suggestion}\`?`,
        );
        continue;
      }
      fields.set(name, { key, value: pair.value });
    }
    return fields;
  }

  #required(fields: Fields, name: string, container: YamlNode | null, path: string, what: string) {
    const field = fields.get(name);
    if (field === undefined && !this.#misspelt.has(pointer(path, name))) {
      this.error(container, 'MISSING_FIELD', `${what} needs \`${name}\``, pointer(path, name));
    }
    return field;
  }

  #string(node: YamlNode | null, path: string, what: string): string | undefined {
    if (!isScalar(node) || typeof node.value !== 'string') {
      this.error(node, 'INVALID_TYPE', `${what} must be a string`, path);
      return undefined;
    }
    return node.value;
  }

  #boolean(node: YamlNode | null, path: string, what: string): boolean | undefined {
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      this.error(node, 'INVALID_TYPE', `${what} must be true or false`, path);
      return undefined;
    }
    return node.value;
  }

  #integer(node: YamlNode | null, path: string, what: string, min: number, max: number) {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) {
      this.error(node, 'INVALID_TYPE', `${what} must be an integer`, path);
      return undefined;
    }
    if (node.value < min || node.value > max) {
      this.error(node, 'INVALID_VALUE', `${what} must be from ${min} to ${max}`, path);
      return undefined;
    }
    return node.value;
  }

  #duration(node: YamlNode | null, path: string, what: string, min: number, max: number) {
    if (!isScalar(node) || typeof node.value !== 'string') {
      this.error(
        node,
        'INVALID_DURATION',
        `${what} must be a duration such as \`8h\` or \`PT8H\``,
        path,
      );
      return undefined;
    }
    const raw = node.value;
    const seconds = parseDuration(raw);
    if (seconds === undefined) {
      this.error(
        node,
        'INVALID_DURATION',
        `\`${raw}\` is not a duration (use \`90s\`, \`15m\`, \`8h\`, \`7d\`, \`1h30m\` or ISO 8601 \`PT8H\`)`,
        path,
      );
      return undefined;
    }
    if (seconds < min || seconds > max) {
      this.error(
        node,
        'DURATION_OUT_OF_RANGE',
        `${what} \`${raw}\` must be from ${formatDuration(min)} to ${formatDuration(max)}`,
        path,
      );
      return undefined;
    }
    return seconds;
  }

  #list(
    node: YamlNode | null,
    path: string,
    what: string,
    max: number,
  ): (YamlNode | null)[] | undefined {
    if (!isSeq(node)) {
      this.error(node, 'INVALID_TYPE', `${what} must be a list`, path);
      return undefined;
    }
    const items = node.items as (YamlNode | null)[];
    if (items.length === 0) {
      this.error(node, 'INVALID_VALUE', `${what} must not be empty`, path);
      return undefined;
    }
    if (items.length > max) {
      this.error(node, 'TOO_COMPLEX', `${what} has more than ${max} entries`, path);
      return undefined;
    }
    return items;
  }

  #patterns(
    node: YamlNode | null,
    path: string,
    what: string,
    check?: (value: string) => string | undefined,
  ) {
    const items = this.#list(node, path, what, RULE_FILE_LIMITS.patternsPerList);
    if (items === undefined) return undefined;
    const values: string[] = [];
    items.forEach((item, index) => {
      const value = this.#string(item, pointer(path, index), `each entry of ${what}`);
      if (value === undefined) return;
      if (value.length === 0 || value.length > RULE_FILE_LIMITS.patternLength) {
        this.error(
          item,
          'INVALID_VALUE',
          `entries of ${what} must be 1-${RULE_FILE_LIMITS.patternLength} characters`,
          pointer(path, index),
        );
        return;
      }
      const problem = check?.(value);
      if (problem !== undefined) {
        this.error(item, 'INVALID_VALUE', problem, pointer(path, index));
        return;
      }
      values.push(value);
    });
    return values.length === items.length ? values : undefined;
  }

  ruleSet(root: YamlNode | null): ApprovalRuleSet | undefined {
    if (root === null) {
      this.errorAt(0, 'NO_RULES', 'the rules file is empty', '');
      return undefined;
    }
    const fields = this.#fields(
      root,
      '',
      ['version', 'defaults', 'owners', 'rules'],
      'the rules file',
    );
    if (fields === undefined) return undefined;
    const version = this.#required(fields, 'version', root, '', 'the rules file');
    if (version !== undefined) {
      if (!isScalar(version.value) || version.value.value !== 1) {
        this.error(
          version.value,
          'UNSUPPORTED_VERSION',
          'only `version: 1` is supported',
          '/version',
        );
      }
    }
    const defaults = this.#defaults(fields.get('defaults')?.value ?? null, fields.has('defaults'));
    const ownersField = fields.get('owners');
    const owners = ownersField === undefined ? [] : this.#owners(ownersField.value, '/owners');
    const rulesField = this.#required(fields, 'rules', root, '', 'the rules file');
    const rules =
      rulesField === undefined || defaults === undefined
        ? undefined
        : this.#rules(rulesField.value, defaults);
    if (rules === undefined || owners === undefined) return undefined;
    return { formatVersion: 1, rules, owners };
  }

  #defaults(node: YamlNode | null, present: boolean): Defaults | undefined {
    const result: Defaults = {
      pendingTimeoutSeconds: DEFAULT_PENDING_TIMEOUT_SECONDS,
      requireMfa: false,
      maxMfaAgeSeconds: DEFAULT_MAX_MFA_AGE_SECONDS,
      maxDurationSeconds: null,
    };
    if (!present) return result;
    const path = '/defaults';
    const fields = this.#fields(
      node,
      path,
      ['pendingTimeout', 'requireMfa', 'maxMfaAge', 'maxDuration'],
      '`defaults`',
    );
    if (fields === undefined) return undefined;
    let ok = true as boolean;
    const set = <K extends keyof Defaults>(key: K, value: Defaults[K] | undefined) => {
      if (value === undefined) ok = false;
      else result[key] = value;
    };
    const pending = fields.get('pendingTimeout');
    if (pending !== undefined)
      set(
        'pendingTimeoutSeconds',
        this.#duration(
          pending.value,
          `${path}/pendingTimeout`,
          '`pendingTimeout`',
          RULE_FILE_LIMITS.minPendingTimeoutSeconds,
          RULE_FILE_LIMITS.maxPendingTimeoutSeconds,
        ),
      );
    const mfa = fields.get('requireMfa');
    if (mfa !== undefined)
      set('requireMfa', this.#boolean(mfa.value, `${path}/requireMfa`, '`requireMfa`'));
    const age = fields.get('maxMfaAge');
    if (age !== undefined)
      set(
        'maxMfaAgeSeconds',
        this.#duration(
          age.value,
          `${path}/maxMfaAge`,
          '`maxMfaAge`',
          1,
          RULE_FILE_LIMITS.maxMfaAgeSeconds,
        ),
      );
    const max = fields.get('maxDuration');
    if (max !== undefined)
      set(
        'maxDurationSeconds',
        this.#duration(
          max.value,
          `${path}/maxDuration`,
          '`maxDuration`',
          RULE_FILE_LIMITS.minDurationSeconds,
          RULE_FILE_LIMITS.maxDurationSeconds,
        ),
      );
    return ok ? result : undefined;
  }

  #owners(node: YamlNode | null, path: string): ResourceOwners[] | undefined {
    if (isSeq(node) && node.items.length === 0) return [];
    const items = this.#list(node, path, '`owners`', RULE_FILE_LIMITS.owners);
    if (items === undefined) return undefined;
    const owners: ResourceOwners[] = [];
    let ok = true as boolean;
    items.forEach((item, index) => {
      const at = pointer(path, index);
      const fields = this.#fields(item, at, ['resources', 'principals'], 'an owners entry');
      if (fields === undefined) {
        ok = false;
        return;
      }
      const resources = this.#required(fields, 'resources', item, at, 'an owners entry');
      const principals = this.#required(fields, 'principals', item, at, 'an owners entry');
      const resourceList =
        resources === undefined
          ? undefined
          : this.#patterns(resources.value, `${at}/resources`, '`resources`');
      const principalList =
        principals === undefined
          ? undefined
          : this.#patterns(principals.value, `${at}/principals`, '`principals`', (value) =>
              ARN_LIKE.test(value) && !value.includes('*') && !value.includes('?')
                ? undefined
                : `\`${value}\` is not a principal ARN (no wildcards)`,
            );
      if (resourceList === undefined || principalList === undefined) ok = false;
      else owners.push({ resources: resourceList, principals: principalList });
    });
    return ok ? owners : undefined;
  }

  #rules(node: YamlNode | null, defaults: Defaults): ApprovalRule[] | undefined {
    const path = '/rules';
    if (isSeq(node) && node.items.length === 0) {
      this.error(node, 'NO_RULES', '`rules` must have at least one rule', path);
      return undefined;
    }
    const items = this.#list(node, path, '`rules`', RULE_FILE_LIMITS.rules);
    if (items === undefined) return undefined;
    const rules: ApprovalRule[] = [];
    const names = new Map<string, number>();
    let ok = true as boolean;
    items.forEach((item, index) => {
      const rule = this.#rule(item, pointer(path, index), defaults);
      if (rule === undefined) {
        ok = false;
        return;
      }
      const previous = names.get(rule.name);
      if (previous !== undefined) {
        const nameNode = isMap(item) ? (item.get('name', true) as YamlNode | undefined) : undefined;
        this.error(
          nameNode ?? item,
          'DUPLICATE_RULE_NAME',
          `rule name \`${rule.name}\` is used by rule ${previous} already`,
          `${pointer(path, index)}/name`,
        );
        ok = false;
        return;
      }
      names.set(rule.name, index);
      rules.push(rule);
    });
    return ok ? rules : undefined;
  }

  #rule(node: YamlNode | null, path: string, defaults: Defaults): ApprovalRule | undefined {
    const fields = this.#fields(
      node,
      path,
      [
        'name',
        'description',
        'match',
        'reviewers',
        'autoApprove',
        'requireMfa',
        'maxMfaAge',
        'maxDuration',
        'pendingTimeout',
        'breakGlass',
      ],
      'a rule',
    );
    if (fields === undefined) return undefined;
    let ok = true as boolean;
    const nameField = this.#required(fields, 'name', node, path, 'a rule');
    let name: string | undefined;
    if (nameField !== undefined) {
      name = this.#string(nameField.value, `${path}/name`, '`name`');
      if (name !== undefined && (name.length > RULE_FILE_LIMITS.nameLength || !NAME.test(name))) {
        this.error(
          nameField.value,
          'INVALID_VALUE',
          `rule name \`${name}\` must be 1-${RULE_FILE_LIMITS.nameLength} lowercase letters, digits and \`.-_\``,
          `${path}/name`,
        );
        name = undefined;
      }
    }
    if (name === undefined) ok = false;
    let description: string | null = null;
    const descriptionField = fields.get('description');
    if (descriptionField !== undefined) {
      const text = this.#string(descriptionField.value, `${path}/description`, '`description`');
      if (text === undefined) ok = false;
      else if (text.length > RULE_FILE_LIMITS.descriptionLength) {
        this.error(
          descriptionField.value,
          'INVALID_VALUE',
          `\`description\` must be at most ${RULE_FILE_LIMITS.descriptionLength} characters`,
          `${path}/description`,
        );
        ok = false;
      } else description = text;
    }
    const matchField = fields.get('match');
    const match = matchField === undefined ? {} : this.#match(matchField.value, `${path}/match`);
    if (match === undefined) ok = false;

    const flag = (key: 'autoApprove' | 'requireMfa', fallback: boolean): boolean => {
      const field = fields.get(key);
      if (field === undefined) return fallback;
      const value = this.#boolean(field.value, `${path}/${key}`, `\`${key}\``);
      if (value === undefined) ok = false;
      return value ?? fallback;
    };
    const autoApprove = flag('autoApprove', false);
    const requireMfa = flag('requireMfa', defaults.requireMfa);
    const duration = (
      key: 'maxMfaAge' | 'maxDuration' | 'pendingTimeout',
      min: number,
      max: number,
    ) => {
      const field = fields.get(key);
      if (field === undefined) return undefined;
      const value = this.#duration(field.value, `${path}/${key}`, `\`${key}\``, min, max);
      if (value === undefined) ok = false;
      return value;
    };
    const maxMfaAgeSeconds =
      duration('maxMfaAge', 1, RULE_FILE_LIMITS.maxMfaAgeSeconds) ?? defaults.maxMfaAgeSeconds;
    const maxDurationSeconds =
      duration(
        'maxDuration',
        RULE_FILE_LIMITS.minDurationSeconds,
        RULE_FILE_LIMITS.maxDurationSeconds,
      ) ?? defaults.maxDurationSeconds;
    const pendingTimeoutSeconds =
      duration(
        'pendingTimeout',
        RULE_FILE_LIMITS.minPendingTimeoutSeconds,
        RULE_FILE_LIMITS.maxPendingTimeoutSeconds,
      ) ?? defaults.pendingTimeoutSeconds;

    let reviewers: ReviewerRequirement | null = null;
    const reviewersField = fields.get('reviewers');
    if (reviewersField !== undefined) {
      const parsed = this.#requirement(reviewersField.value, `${path}/reviewers`, 1);
      if (parsed === undefined) ok = false;
      else if (this.#complexity(parsed, reviewersField.value, `${path}/reviewers`))
        reviewers = parsed;
      else ok = false;
    }
    let breakGlass: ApprovalRule['breakGlass'] = null;
    const breakGlassField = fields.get('breakGlass');
    if (breakGlassField !== undefined) {
      const bgPath = `${path}/breakGlass`;
      const bg = this.#fields(breakGlassField.value, bgPath, ['maxDuration'], '`breakGlass`');
      const max =
        bg === undefined
          ? undefined
          : this.#required(bg, 'maxDuration', breakGlassField.value, bgPath, '`breakGlass`');
      const seconds =
        max === undefined
          ? undefined
          : this.#duration(
              max.value,
              `${bgPath}/maxDuration`,
              '`maxDuration`',
              RULE_FILE_LIMITS.minDurationSeconds,
              86_400,
            );
      if (seconds === undefined) ok = false;
      else breakGlass = { maxDurationSeconds: seconds };
    }

    if (autoApprove) {
      if (reviewersField !== undefined) {
        this.error(
          reviewersField.key,
          'CONFLICTING_FIELDS',
          'an auto-approving rule has no `reviewers`',
          `${path}/reviewers`,
        );
        ok = false;
      }
      if (breakGlassField !== undefined) {
        this.error(
          breakGlassField.key,
          'CONFLICTING_FIELDS',
          'an auto-approving rule cannot allow `breakGlass`',
          `${path}/breakGlass`,
        );
        ok = false;
      }
      const risk = match?.risk;
      if (risk === undefined || risk.some((level) => level !== 'LOW')) {
        const riskNode =
          matchField === undefined
            ? fields.get('autoApprove')?.key
            : ((isMap(matchField.value)
                ? (matchField.value.get('risk', true) as YamlNode | undefined)
                : undefined) ?? matchField.key);
        this.error(
          riskNode ?? node,
          'AUTO_APPROVE_NOT_LOW_RISK',
          'an auto-approving rule must match only `risk: [LOW]`',
          `${path}/match/risk`,
        );
        ok = false;
      }
    } else if (reviewersField === undefined && !this.#misspelt.has(`${path}/reviewers`)) {
      this.error(
        node,
        'MISSING_FIELD',
        'a rule needs `reviewers` unless it has `autoApprove: true`',
        `${path}/reviewers`,
      );
      ok = false;
    }
    if (!ok || name === undefined || match === undefined) return undefined;
    return {
      name,
      description,
      match,
      reviewers,
      autoApprove,
      requireMfa,
      maxMfaAgeSeconds,
      maxDurationSeconds,
      pendingTimeoutSeconds,
      breakGlass,
    };
  }

  #match(node: YamlNode | null, path: string): RuleMatch | undefined {
    const fields = this.#fields(
      node,
      path,
      ['actions', 'resources', 'risk', 'requesterGroups'],
      '`match`',
    );
    if (fields === undefined) return undefined;
    let ok = true as boolean;
    const match: { -readonly [K in keyof RuleMatch]: RuleMatch[K] } = {};
    const actions = fields.get('actions');
    if (actions !== undefined) {
      const values = this.#patterns(actions.value, `${path}/actions`, '`actions`', (value) =>
        /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+)$/.test(value)
          ? undefined
          : `\`${value}\` is not an action pattern such as \`iam:AddUserToGroup\` or \`iam:Attach*\``,
      );
      if (values === undefined) ok = false;
      else match.actions = values;
    }
    const resources = fields.get('resources');
    if (resources !== undefined) {
      const values = this.#patterns(resources.value, `${path}/resources`, '`resources`', (value) =>
        value === '*' || ARN_LIKE.test(value) ? undefined : `\`${value}\` is not an ARN pattern`,
      );
      if (values === undefined) ok = false;
      else match.resources = values;
    }
    const risk = fields.get('risk');
    if (risk !== undefined) {
      const values = this.#patterns(risk.value, `${path}/risk`, '`risk`', (value) => {
        if ((RISK_LEVELS as readonly string[]).includes(value)) return undefined;
        const suggestion = closest(value, RISK_LEVELS);
        return `\`${value}\` is not a risk level (LOW, MEDIUM, HIGH, CRITICAL)${suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`}`;
      });
      if (values === undefined) ok = false;
      else match.risk = values as RiskLevel[];
    }
    const groups = fields.get('requesterGroups');
    if (groups !== undefined) {
      const values = this.#patterns(
        groups.value,
        `${path}/requesterGroups`,
        '`requesterGroups`',
        (value) => (GROUP_NAME.test(value) ? undefined : `\`${value}\` is not a group name`),
      );
      if (values === undefined) ok = false;
      else match.requesterGroups = values;
    }
    return ok ? match : undefined;
  }

  #requirement(
    node: YamlNode | null,
    path: string,
    depth: number,
  ): ReviewerRequirement | undefined {
    if (depth > RULE_FILE_LIMITS.depth) {
      this.error(
        node,
        'TOO_COMPLEX',
        `reviewer requirements nest at most ${RULE_FILE_LIMITS.depth} levels`,
        path,
      );
      return undefined;
    }
    const keys = ['all_of', 'any_of', 'group', 'count', 'anyone', 'owner'];
    const fields = this.#fields(node, path, keys, 'a reviewer requirement');
    if (fields === undefined) return undefined;
    const present = [...fields.keys()];
    const combinator = present.filter(
      (k) => k === 'all_of' || k === 'any_of' || k === 'group' || k === 'anyone' || k === 'owner',
    );
    if (combinator.length !== 1) {
      this.error(
        node,
        combinator.length === 0 ? 'MISSING_FIELD' : 'CONFLICTING_FIELDS',
        combinator.length === 0
          ? 'a reviewer requirement needs one of `all_of`, `any_of`, `group`, `anyone`, `owner`'
          : `a reviewer requirement has exactly one of \`all_of\`, \`any_of\`, \`group\`, \`anyone\`, \`owner\` (found ${combinator.map((k) => `\`${k}\``).join(', ')})`,
        path,
      );
      return undefined;
    }
    const kind = combinator[0] ?? '';
    const field = fields.get(kind);
    if (field === undefined) return undefined;
    const at = pointer(path, kind);
    if (kind === 'all_of' || kind === 'any_of') {
      if (fields.has('count')) {
        this.error(
          fields.get('count')?.key,
          'CONFLICTING_FIELDS',
          `\`count\` does not go with \`${kind}\``,
          `${path}/count`,
        );
        return undefined;
      }
      const items = this.#list(field.value, at, `\`${kind}\``, RULE_FILE_LIMITS.leavesPerRule);
      if (items === undefined) return undefined;
      const children = items.map((item, index) =>
        this.#requirement(item, pointer(at, index), depth + 1),
      );
      if (children.some((child) => child === undefined)) return undefined;
      return { kind, of: children as ReviewerRequirement[] };
    }
    if (kind === 'group') {
      const group = this.#string(field.value, at, '`group`');
      if (group === undefined) return undefined;
      if (!GROUP_NAME.test(group)) {
        this.error(field.value, 'INVALID_VALUE', `\`${group}\` is not a group name`, at);
        return undefined;
      }
      const countField = fields.get('count');
      const count =
        countField === undefined
          ? 1
          : this.#integer(countField.value, `${path}/count`, '`count`', 1, RULE_FILE_LIMITS.count);
      return count === undefined ? undefined : { kind: 'group', group, count };
    }
    // anyone / owner: the value is the count.
    if (fields.has('count')) {
      this.error(
        fields.get('count')?.key,
        'CONFLICTING_FIELDS',
        `write \`${kind}: N\` instead of \`count\``,
        `${path}/count`,
      );
      return undefined;
    }
    const count = this.#integer(field.value, at, `\`${kind}\``, 1, RULE_FILE_LIMITS.count);
    return count === undefined
      ? undefined
      : { kind: kind === 'anyone' ? 'anyone' : 'owner', count };
  }

  #complexity(requirement: ReviewerRequirement, node: YamlNode | null, path: string): boolean {
    if (leavesOf(requirement).length > RULE_FILE_LIMITS.leavesPerRule) {
      this.error(
        node,
        'TOO_COMPLEX',
        `reviewer requirements have at most ${RULE_FILE_LIMITS.leavesPerRule} quorums`,
        path,
      );
      return false;
    }
    if (countAlternatives(requirement) > MAX_ALTERNATIVES) {
      this.error(
        node,
        'TOO_COMPLEX',
        `reviewer requirements expand to at most ${MAX_ALTERNATIVES} alternatives`,
        path,
      );
      return false;
    }
    return true;
  }
}
