import { CliError } from '../cli/cliError.js';
import type { AccountState } from '../state/accountState.js';
import { fingerprintState } from '../state/fingerprint.js';
import type { PlanFile } from './planFile.js';

/**
 * The optimistic check of apply: why a plan must not be applied to the account as it is now, or
 * undefined when it may. A plan is refused for another account (CONFIG, exit 2) and when the live
 * state's fingerprint differs from the one the plan was computed against (STALE_PLAN, exit 3):
 * its operations were derived from that state, so against any other they could undo someone's
 * change or fail halfway.
 */
export function staleness(
  plan: Pick<PlanFile, 'accountId' | 'liveState'>,
  callerAccount: string,
  live: AccountState,
): CliError | undefined {
  if (callerAccount !== plan.accountId) {
    return new CliError(
      'CONFIG',
      `the plan is for account \`${plan.accountId}\` but the credentials are for \`${callerAccount}\``,
    );
  }
  const fingerprint = fingerprintState(live);
  if (fingerprint === plan.liveState.fingerprint) return undefined;
  return new CliError(
    'STALE_PLAN',
    'the live state changed since the plan was computed: refusing to apply it',
    {
      hint: 'run `gatehouse plan` again, review it, and apply the new plan',
      details: { planned: plan.liveState.fingerprint, live: fingerprint },
    },
  );
}
