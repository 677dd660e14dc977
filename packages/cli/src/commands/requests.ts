import { InvalidArgumentError, Option, type Command } from 'commander';
import { CliError } from '../cli/cliError.js';
import type { ContextFactory } from '../cli/commandSupport.js';
import { examples } from '../cli/commandSupport.js';
import { EXIT_CODES, type ExitCode } from '../cli/exitCodes.js';
import {
  CHANGE_REQUEST_STATUSES,
  MAX_PAGE_SIZE,
  getChangeRequest,
  listChangeRequests,
  reviewChangeRequest,
  type ChangeRequestStatus,
  type Review,
} from '../gateway/changeRequests.js';
import { formatRequest, formatRequestList } from '../output/requestsText.js';

/** Longest comment or reason accepted (the workflow refuses longer ones anyway). */
const MAX_TEXT_LENGTH = 2000;

function pageSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError(`a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return n;
}

function boundedText(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('empty');
  if (value.length > MAX_TEXT_LENGTH) {
    throw new InvalidArgumentError(`longer than ${MAX_TEXT_LENGTH} characters`);
  }
  return value;
}

/** `gatehouse requests list|show|approve|reject`: change requests for reviewers in the terminal. */
export function registerRequests(
  program: Command,
  context: ContextFactory,
  setExit: (code: ExitCode) => void,
): void {
  /** Sends a review and prints the request's status afterwards. */
  const submitReview = async (command: Command, review: Review): Promise<void> => {
    const ctx = context(command);
    const connection = await ctx.connect();
    const result = await reviewChangeRequest(connection.client, review);
    if (ctx.json) ctx.terminal.json(result);
    else ctx.terminal.out(`Change request ${result.requestId} is now ${result.status}.`);
    setExit(EXIT_CODES.OK);
  };

  const requests = program
    .command('requests')
    .summary('list, show, approve and reject change requests')
    .description(
      'Change requests for reviewers who live in the terminal, through the approvals API of the gateway (a gateway without it answers "not available", exit code 5).',
    )
    .addHelpText(
      'after',
      examples(
        ['gatehouse requests list', 'requests awaiting my review'],
        ['gatehouse requests list --mine --status PENDING', 'my own pending requests'],
        ['gatehouse requests show 3f2a…', 'one request, current status'],
        ['gatehouse requests approve 3f2a… --comment "ticket OPS-12"', 'approve'],
        ['gatehouse requests reject 3f2a… --reason "too broad"', 'reject (a reason is required)'],
      ),
    );

  requests
    .command('list')
    .description('List the change requests awaiting your review (or your own with --mine).')
    .option('--mine', 'the requests you submitted')
    .addOption(
      new Option('--status <status>', 'only this status (with --mine)').choices(
        CHANGE_REQUEST_STATUSES,
      ),
    )
    .option('--first <n>', `page size, 1-${MAX_PAGE_SIZE}`, pageSize, 50)
    .option('--after <cursor>', 'the page after this cursor (printed under a full page)')
    .action(
      async (
        options: { mine?: boolean; status?: ChangeRequestStatus; first: number; after?: string },
        command: Command,
      ) => {
        const ctx = context(command);
        if (options.status !== undefined && options.mine !== true) {
          throw new CliError('USAGE', '`--status` needs `--mine`', {
            hint: 'the requests awaiting your review are all pending',
          });
        }
        const connection = await ctx.connect();
        const page = await listChangeRequests(connection.client, {
          mine: options.mine === true,
          status: options.status,
          first: options.first,
          after: options.after,
        });
        if (ctx.json) ctx.terminal.json(page);
        else
          for (const line of formatRequestList(page, ctx.terminal.colors)) ctx.terminal.out(line);
        setExit(EXIT_CODES.OK);
      },
    );

  requests
    .command('show')
    .description('Show one change request (always current).')
    .argument('<id>', 'the change request id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = context(command);
      const connection = await ctx.connect();
      const request = await getChangeRequest(connection.client, id);
      if (ctx.json) ctx.terminal.json(request);
      else for (const line of formatRequest(request, ctx.terminal.colors)) ctx.terminal.out(line);
      setExit(EXIT_CODES.OK);
    });

  requests
    .command('approve')
    .description('Approve a change request.')
    .argument('<id>', 'the change request id')
    .option('--comment <text>', 'a comment for the record', boundedText)
    .action((id: string, options: { comment?: string }, command: Command) =>
      submitReview(command, { id, decision: 'approve', comment: options.comment }),
    );

  requests
    .command('reject')
    .description('Reject a change request, saying why.')
    .argument('<id>', 'the change request id')
    .requiredOption('--reason <text>', 'why (recorded and shown to the requester)', boundedText)
    .action((id: string, options: { reason: string }, command: Command) =>
      submitReview(command, { id, decision: 'reject', reason: options.reason }),
    );
}
