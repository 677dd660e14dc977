import type { Command } from 'commander';
import type { ContextFactory } from '../cli/commandSupport.js';
import { examples } from '../cli/commandSupport.js';
import { EXIT_CODES, type ExitCode } from '../cli/exitCodes.js';
import {
  getChangeRequest,
  listChangeRequests,
  reviewChangeRequest,
} from '../gateway/changeRequests.js';

/** `gatehouse requests list|show|approve|reject`: change requests for reviewers in the terminal. */
export function registerRequests(
  program: Command,
  context: ContextFactory,
  setExit: (code: ExitCode) => void,
): void {
  const requests = program
    .command('requests')
    .summary('list, approve and reject change requests')
    .description(
      'Change requests for reviewers who live in the terminal. These use the approvals API of the gateway; a gateway without it answers "not available" (exit code 5).',
    )
    .addHelpText(
      'after',
      examples(
        ['gatehouse requests list', 'requests awaiting my review'],
        ['gatehouse requests list --mine --status PENDING', 'my own pending requests'],
        ['gatehouse requests approve 3f2a… --comment "ticket OPS-12"', 'approve'],
        ['gatehouse requests reject 3f2a… --reason "too broad"', 'reject'],
      ),
    );

  requests
    .command('list')
    .description('List change requests awaiting your review (or your own with --mine).')
    .option('--mine', 'the requests you submitted')
    .option('--status <status>', 'only this status (with --mine)')
    .action(async (options: { mine?: boolean; status?: string }, command: Command) => {
      const ctx = context(command);
      const connection = await ctx.connect();
      const list = await listChangeRequests(connection.client, {
        mine: options.mine === true,
        status: options.status,
      });
      if (ctx.json) ctx.terminal.json({ requests: list });
      else if (list.length === 0) ctx.terminal.out('No change requests.');
      else {
        for (const r of list) {
          ctx.terminal.out(
            `${ctx.terminal.colors.bold(r.requestId)}  ${r.status}  risk ${r.risk}  ${r.summary}`,
          );
          ctx.terminal.out(
            ctx.terminal.colors.dim(
              `    by ${r.requesterArn}, submitted ${r.submittedAt}, pending until ${r.pendingUntil}`,
            ),
          );
        }
      }
      setExit(EXIT_CODES.OK);
    });

  requests
    .command('show')
    .description('Show one change request.')
    .argument('<id>', 'the change request id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = context(command);
      const connection = await ctx.connect();
      const request = await getChangeRequest(connection.client, id);
      if (ctx.json) ctx.terminal.json(request);
      else {
        ctx.terminal.out(`${ctx.terminal.colors.bold(request.requestId)}  ${request.status}`);
        ctx.terminal.out(`  ${request.summary}`);
        ctx.terminal.out(`  ${request.action} on ${request.resource} (risk ${request.risk})`);
        ctx.terminal.out(`  requested by ${request.requesterArn} at ${request.submittedAt}`);
      }
      setExit(EXIT_CODES.OK);
    });

  for (const decision of ['approve', 'reject'] as const) {
    const textOption = decision === 'approve' ? '--comment <text>' : '--reason <text>';
    requests
      .command(decision)
      .description(
        decision === 'approve' ? 'Approve a change request.' : 'Reject a change request.',
      )
      .argument('<id>', 'the change request id')
      .option(textOption, decision === 'approve' ? 'a comment for the record' : 'why (recorded)')
      .action(
        async (id: string, options: { comment?: string; reason?: string }, command: Command) => {
          const ctx = context(command);
          const connection = await ctx.connect();
          const result = await reviewChangeRequest(connection.client, {
            id,
            decision,
            text: decision === 'approve' ? options.comment : options.reason,
          });
          if (ctx.json) ctx.terminal.json(result);
          else ctx.terminal.out(`Change request ${result.requestId} is now ${result.status}.`);
          setExit(EXIT_CODES.OK);
        },
      );
  }
}
