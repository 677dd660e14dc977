import { z } from 'zod';

/** One bad or missing environment variable, named. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** Thrown by {@link loadConfig}; its message names every offending variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  readonly problems: readonly ConfigProblem[];

  constructor(service: string, problems: readonly ConfigProblem[]) {
    super(
      `${service}: invalid configuration\n${problems.map((problem) => `  ${problem.variable}: ${problem.message}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/**
 * Reads a service's configuration from environment variables. The schema's keys
 * are the variable names; values are strings to be coerced by the schema. The
 * values are never echoed in errors, because some are secrets.
 */
export function loadConfig<Shape extends z.ZodRawShape>(
  service: string,
  shape: Shape,
  env: Readonly<Record<string, string | undefined>> = process.env,
): z.infer<z.ZodObject<Shape>> {
  const schema = z.object(shape);
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    // An empty variable means "not set", as in most shells' `VAR= cmd`.
    const value = env[key];
    input[key] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: issue.path.map(String).join('.') || '(root)',
    message:
      issue.code === 'invalid_type' && input[String(issue.path[0])] === undefined
        ? 'is required'
        : issue.message,
  }));
  throw new ConfigError(service, problems);
}

/** Reusable field schemas for environment variables. */
export const env = {
  /** A TCP port number. */
  port: (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback),
  /** A host name or address to listen on. */
  host: (fallback: string) =>
    z
      .string()
      .regex(/^[\w.:-]+$/, 'must be a host name or IP address')
      .default(fallback),
  /** A postgres:// URL. */
  postgresUrl: () =>
    z
      .string()
      .refine(
        (value) => /^postgres(ql)?:\/\/.+/.test(value),
        'must be a postgres:// or postgresql:// URL',
      ),
  /** A comma-separated host:port list, e.g. Kafka bootstrap brokers; empty list when unset. */
  hostList: () =>
    z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .refine(
        (hosts) => hosts.every((host) => /^[^\s:]+:\d{1,5}$/.test(host)),
        'must be a comma-separated list of host:port',
      ),
  /**
   * Comma-separated ARN patterns (`*` and `?` allowed), at most 100 of at most
   * 2,048 characters each; empty list when unset (`GATEHOUSE_ADMIN_PRINCIPALS`).
   */
  arnPatternList: () =>
    z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .refine(
        (arns) =>
          arns.length <= 100 &&
          arns.every((arn) => arn.length <= 2048 && /^arn:[^\s,]+$/.test(arn)),
        'must be at most 100 comma-separated ARN patterns (arn:...)',
      ),
  /** A variable that was renamed: refused while set, so a deployment notices. */
  renamed: (to: string) =>
    z
      .string()
      .optional()
      .refine((value) => value === undefined, `was renamed: set ${to} instead`),
  /** A boolean written as true/false/1/0. */
  flag: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((value) => (value === undefined ? fallback : value === 'true' || value === '1')),
  logLevel: () =>
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: () => z.enum(['development', 'test', 'production']).default('development'),
};
