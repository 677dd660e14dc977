import { Arg, Args, ArgsType, Ctx, Field, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AuthenticatedOnly, Authorized, Public } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { badInput } from '../errors/gatewayError.js';
import { MutationResult, dateOf } from '../schema/types/common.js';
import {
  AssumeRoleResult,
  CallerIdentity,
  callerIdentityOf,
  Credentials,
  SessionTokenResult,
  SignInResult,
} from '../schema/types/credentialTypes.js';
import { policyFindingOf } from '../schema/types/findingTypes.js';
import { principalOf, runCommand } from './support/runCommand.js';
import { withoutNulls } from './support/withoutNulls.js';

@ArgsType()
class SignInArgs {
  @Field(() => String, { nullable: true, description: 'An IAM user; or give `rootEmail`' })
  userName?: string | null;

  @Field(() => String, { nullable: true, description: 'The root user' })
  rootEmail?: string | null;

  @Field(() => String)
  password!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The current code of the MFA device, when one is enabled',
  })
  authenticationCode?: string | null;
}

@ArgsType()
class GetSessionTokenArgs {
  @Field(() => Int, { nullable: true, description: '900-129,600 seconds' })
  durationSeconds?: number | null;

  @Field(() => String, { nullable: true })
  serialNumber?: string | null;

  @Field(() => String, { nullable: true })
  tokenCode?: string | null;
}

@ArgsType()
class AssumeRoleArgs {
  @Field(() => String)
  roleArn!: string;

  @Field(() => String)
  roleSessionName!: string;

  @Field(() => Int, { nullable: true, description: '900 up to the role maximum (default 3,600)' })
  durationSeconds?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'A session policy (JSON) narrowing the role',
  })
  policy?: string | null;

  @Field(() => String, { nullable: true })
  serialNumber?: string | null;

  @Field(() => String, { nullable: true })
  tokenCode?: string | null;

  @Field(() => String, { nullable: true })
  sourceIdentity?: string | null;
}

function credentialsOf(credentials: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
}): Credentials {
  return { ...credentials, expiration: dateOf(credentials.expiration) };
}

/** Sign-in and STS: SignIn, SignOut, GetSessionToken, AssumeRole, RevokeSession, GetCallerIdentity. */
@Resolver()
export class SessionResolver {
  @Mutation(() => SignInResult, {
    description: 'Sign in with a password (and an MFA code): a bearer session token',
  })
  @Public('proves who the caller is; rate limited per source IP and per user name')
  async signIn(@Args() args: SignInArgs, @Ctx() context: GatewayContext): Promise<SignInResult> {
    const who = args.userName ?? args.rootEmail;
    if (who === null || who === undefined) throw badInput('userName', 'or `rootEmail` is required');
    context.services.signInLimiter.attempt(context.request.sourceIp, who);
    const result = await runCommand(context, {
      type: 'SignIn',
      ...withoutNulls(args),
      password: args.password,
    });
    context.warnings.addAll(result.warnings);
    return {
      sessionToken: result.sessionToken,
      sessionId: result.sessionId,
      expiration: dateOf(result.expiration),
      principal: callerIdentityOf(result.principal),
      rootSignIn: result.rootSignIn,
      passwordResetRequired: result.passwordResetRequired,
      warnings: [...result.warnings],
    };
  }

  @Mutation(() => MutationResult, { description: "Ends the caller's session" })
  @AuthenticatedOnly('a caller may always end its own session')
  async signOut(@Ctx() context: GatewayContext): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, { type: 'SignOut' });
    return { checkpoint };
  }

  @Query(() => CallerIdentity, { description: 'STS GetCallerIdentity' })
  @AuthenticatedOnly('as STS: who the caller is needs no permission')
  getCallerIdentity(@Ctx() context: GatewayContext): CallerIdentity {
    return callerIdentityOf(principalOf(context));
  }

  @Mutation(() => SessionTokenResult, {
    description: 'STS GetSessionToken: temporary credentials, optionally with MFA',
  })
  @AuthenticatedOnly(
    'as STS: GetSessionToken needs no permission (it grants nothing the caller lacks)',
  )
  async getSessionToken(
    @Args() args: GetSessionTokenArgs,
    @Ctx() context: GatewayContext,
  ): Promise<SessionTokenResult> {
    const result = await runCommand(context, { type: 'GetSessionToken', ...withoutNulls(args) });
    context.warnings.addAll(result.warnings);
    return { credentials: credentialsOf(result.credentials) };
  }

  @Mutation(() => AssumeRoleResult, {
    description:
      "STS AssumeRole: the role's credentials; the caller's own permissions do not apply to them",
  })
  @Authorized<AssumeRoleArgs>('sts:AssumeRole', (args) => args.roleArn, {
    resourcePolicy: (args, { arns }) => {
      const trust = arns.trustPolicyOf(args.roleArn);
      return trust === undefined
        ? undefined
        : { name: `${args.roleArn}#trust`, document: trust, mustAllow: true };
    },
  })
  async assumeRole(
    @Args() args: AssumeRoleArgs,
    @Ctx() context: GatewayContext,
  ): Promise<AssumeRoleResult> {
    const result = await runCommand(context, {
      type: 'AssumeRole',
      ...withoutNulls(args),
      roleArn: args.roleArn,
      roleSessionName: args.roleSessionName,
    });
    return {
      credentials: credentialsOf(result.credentials),
      assumedRoleUser: { ...result.assumedRoleUser },
      sourceIdentity: result.sourceIdentity,
      policyFindings: result.findings.map(policyFindingOf),
    };
  }

  @Mutation(() => MutationResult, {
    description: 'Ends a session before it expires (its token and keys stop working)',
  })
  @Authorized<{ sessionId: string }>('sts:RevokeSession', (args, { arns }) =>
    arns.session(args.sessionId),
  )
  async revokeSession(
    @Arg('sessionId', () => String) sessionId: string,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, { type: 'RevokeSession', sessionId });
    return { checkpoint };
  }
}
