import type { CommandOf } from '../commands.js';
import * as decide from '../../managedPolicy/decide.js';
import { managedPolicyEvolver } from '../../managedPolicy/evolve.js';
import { entityStream } from '../../shared/streams.js';
import type { Handler, HandlerEnv } from '../handlerEnv.js';
import { loadPolicy } from '../lookups.js';
import { policySummary } from '../results.js';
import { releaseNameOf, reserveNewName } from './nameReservations.js';

const createPolicy: Handler<'CreatePolicy'> = async (command, env) => {
  const policyId = await reserveNewName(env, 'policy', 'policy', command.policyName);
  const decision = decide.decideCreatePolicy(command, policyId, env.ctx);
  const policy = await env.tx.load(entityStream('policy', policyId), managedPolicyEvolver);
  const state = env.tx.append(policy, decision.events);
  return { policy: policySummary(state), findings: decision.document?.warnings ?? [] };
};

const createPolicyVersion: Handler<'CreatePolicyVersion'> = async (command, env) => {
  const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
  const decision = decide.decideManagedPolicy(command, policy.state, env.ctx);
  const state = env.tx.append(policy, decision.events);
  const version = state.versions.at(-1);
  return {
    policyVersion: {
      versionId: version?.versionId ?? '',
      isDefaultVersion: version?.versionId === state.defaultVersionId,
      createDate: env.ctx.now.toISOString(),
      document: version?.policyDocument ?? '',
    },
    findings: decision.document?.warnings ?? [],
  };
};

const policyCommand: Handler<
  'SetDefaultPolicyVersion' | 'DeletePolicyVersion' | 'TagPolicy' | 'UntagPolicy'
> = async (command, env) => {
  const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
  env.tx.append(policy, decide.decideManagedPolicy(command, policy.state, env.ctx).events);
  return {};
};

const deletePolicy: Handler<'DeletePolicy'> = async (command, env) => {
  const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
  const events = decide.decideManagedPolicy(command, policy.state, env.ctx).events;
  await releaseNameOf(env, 'policy', policy.state.policyName, policy.state.policyId);
  env.tx.append(policy, events);
  return {};
};

/** Handlers of the managed-policy commands. */
export const policyHandlers = {
  CreatePolicy: createPolicy,
  CreatePolicyVersion: createPolicyVersion,
  SetDefaultPolicyVersion: (command: CommandOf<'SetDefaultPolicyVersion'>, env: HandlerEnv) =>
    policyCommand(command, env),
  DeletePolicyVersion: (command: CommandOf<'DeletePolicyVersion'>, env: HandlerEnv) =>
    policyCommand(command, env),
  DeletePolicy: deletePolicy,
  TagPolicy: (command: CommandOf<'TagPolicy'>, env: HandlerEnv) => policyCommand(command, env),
  UntagPolicy: (command: CommandOf<'UntagPolicy'>, env: HandlerEnv) => policyCommand(command, env),
} as const;
