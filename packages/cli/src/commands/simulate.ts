import type { Command } from 'commander';
import { CliError } from '../cli/cliError.js';
import type { ContextFactory } from '../cli/commandSupport.js';
import { examples } from '../cli/commandSupport.js';
import { EXIT_CODES, type ExitCode } from '../cli/exitCodes.js';
import type { GatewayClient } from '../gateway/graphqlClient.js';

interface SimulateOptions {
  action: string[];
  resource?: string[];
  context?: string[];
}

interface Decision {
  readonly action: string;
  readonly resource: string;
  readonly decision: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  readonly matchedStatements: readonly {
    policy: string;
    statement: number;
    sid: string | null;
    effect: string;
  }[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `key=value` or `key=v1,v2` as a context entry. */
export function parseContextEntry(text: string): { key: string; values: string[] } {
  const equals = text.indexOf('=');
  if (equals <= 0)
    throw new CliError(
      'USAGE',
      `\`${text}\` is not a context entry: write \`key=value\` (\`key=v1,v2\` for a list)`,
    );
  return { key: text.slice(0, equals), values: text.slice(equals + 1).split(',') };
}

/** A principal ARN from an ARN or `user/<name>` / `role/<name>` (looked up, so paths are right). */
async function principalArn(client: GatewayClient, principal: string): Promise<string> {
  if (principal.startsWith('arn:')) return principal;
  const [kind, name] = principal.split('/', 2);
  if (kind === 'user' && name !== undefined) {
    return (
      await client.request<{ getUser: { arn: string } }>(
        `query U($n: String) { getUser(userName: $n) { arn } }`,
        { n: name },
      )
    ).getUser.arn;
  }
  if (kind === 'role' && name !== undefined) {
    return (
      await client.request<{ getRole: { arn: string } }>(
        `query R($n: String!) { getRole(roleName: $n) { arn } }`,
        { n: name },
      )
    ).getRole.arn;
  }
  throw new CliError(
    'USAGE',
    `\`${principal}\` is not a principal: give an ARN, \`user/<name>\` or \`role/<name>\``,
  );
}

/** `gatehouse simulate`: IAM SimulatePrincipalPolicy. */
export function registerSimulate(
  program: Command,
  context: ContextFactory,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('simulate')
    .summary("evaluate a principal's current policies")
    .description(
      'Evaluate what a principal may do with its current policies (IAM SimulatePrincipalPolicy): each action on each resource, the decision, and the statements that decided it.',
    )
    .argument('<principal>', 'an ARN, `user/<name>` or `role/<name>`')
    .requiredOption('-a, --action <action>', 'an action (repeat for several)', collect)
    .option('-r, --resource <arn>', 'a resource ARN (repeat; `*` when left out)', collect)
    .option(
      '-c, --context <key=value>',
      'a request context entry (repeat; `key=v1,v2` for a list)',
      collect,
    )
    .addHelpText(
      'after',
      examples(
        [
          'gatehouse simulate user/alice -a s3:GetObject -r arn:aws:s3:::reports/q1.csv',
          'one request',
        ],
        [
          'gatehouse simulate role/deployer -a iam:CreateUser -a iam:DeleteUser',
          'two actions on `*`',
        ],
        [
          'gatehouse simulate user/alice -a s3:GetObject -c aws:SourceIp=10.0.0.1 -o json',
          'with context, as JSON',
        ],
      ),
    )
    .action(async (principal: string, options: SimulateOptions, command: Command) => {
      const ctx = context(command);
      const connection = await ctx.connect();
      const arn = await principalArn(connection.client, principal);
      const data = await connection.client.request<{ simulatePrincipalPolicy: Decision[] }>(
        `query Simulate($arn: String!, $actions: [String!]!, $resources: [String!], $context: [ContextEntryInput!]) {
          simulatePrincipalPolicy(policySourceArn: $arn, actionNames: $actions, resourceArns: $resources, contextEntries: $context) {
            action resource decision matchedStatements { policy statement sid effect }
          }
        }`,
        {
          arn,
          actions: options.action,
          resources: options.resource,
          context: options.context?.map(parseContextEntry),
        },
      );
      const decisions = data.simulatePrincipalPolicy;
      if (ctx.json) {
        ctx.terminal.json({ principal: arn, decisions });
      } else {
        const c = ctx.terminal.colors;
        ctx.terminal.out(c.bold(arn));
        for (const d of decisions) {
          const label =
            d.decision === 'Allowed'
              ? c.green('allowed')
              : d.decision === 'ExplicitlyDenied'
                ? c.red('explicitly denied')
                : c.yellow('implicitly denied');
          ctx.terminal.out(`  ${d.action} on ${d.resource}: ${label}`);
          for (const m of d.matchedStatements) {
            ctx.terminal.out(
              c.dim(
                `      ${m.effect} by ${m.policy} statement ${m.statement}${m.sid === null ? '' : ` (${m.sid})`}`,
              ),
            );
          }
        }
      }
      setExit(EXIT_CODES.OK);
    });
}
