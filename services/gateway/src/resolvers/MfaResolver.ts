import { Args, ArgsType, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { requestTagKeys } from '../authorization/conditionKeys.js';
import { Authorized } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { badInput } from '../errors/gatewayError.js';
import { PageArgs, pageOf } from '../relay/pageArgs.js';
import { MutationResult, plainTags, TagInput } from '../schema/types/common.js';
import {
  MfaDeviceConnection,
  mfaDeviceOf,
  VirtualMfaDevice,
} from '../schema/types/credentialTypes.js';
import { notFound } from './support/readModels.js';
import { principalOf, runCommand } from './support/runCommand.js';

@ArgsType()
class CreateVirtualMfaDeviceArgs {
  @Field(() => String)
  virtualMfaDeviceName!: string;

  @Field(() => String, { nullable: true })
  path?: string | null;

  @Field(() => [TagInput], { nullable: true })
  tags?: TagInput[] | null;
}

@ArgsType()
class EnableMfaDeviceArgs {
  @Field(() => String, { nullable: true, description: 'The caller (or root) when left out' })
  userName?: string | null;

  @Field(() => String)
  serialNumber!: string;

  @Field(() => String, { description: 'A code of the device' })
  authenticationCode1!: string;

  @Field(() => String, { description: 'The next code of the device' })
  authenticationCode2!: string;
}

@ArgsType()
class DeactivateMfaDeviceArgs {
  @Field(() => String, { nullable: true, description: 'The caller (or root) when left out' })
  userName?: string | null;

  @Field(() => String)
  serialNumber!: string;
}

@ArgsType()
class SerialNumberArgs {
  @Field(() => String)
  serialNumber!: string;
}

@ArgsType()
class ListMfaDevicesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'The caller when left out' })
  userName?: string | null;
}

@ArgsType()
class ListVirtualMfaDevicesArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: '`Assigned`, `Unassigned` or `Any` (default)',
  })
  assignmentStatus?: string | null;
}

function assignmentStatus(value: string | null | undefined): 'Assigned' | 'Unassigned' | 'Any' {
  if (value === null || value === undefined) return 'Any';
  if (value === 'Assigned' || value === 'Unassigned' || value === 'Any') return value;
  throw badInput('assignmentStatus', 'must be `Assigned`, `Unassigned` or `Any`');
}

/** Virtual (TOTP) MFA devices. */
@Resolver()
export class MfaResolver {
  @Mutation(() => VirtualMfaDevice, {
    description: 'IAM CreateVirtualMFADevice: the seed is shown once',
  })
  @Authorized<CreateVirtualMfaDeviceArgs>(
    'iam:CreateVirtualMFADevice',
    (args, { arns }) => arns.created('mfa', args.path, args.virtualMfaDeviceName),
    { context: (args) => requestTagKeys(args.tags) },
  )
  async createVirtualMfaDevice(
    @Args() args: CreateVirtualMfaDeviceArgs,
    @Ctx() context: GatewayContext,
  ): Promise<VirtualMfaDevice> {
    const { virtualMFADevice } = await runCommand(
      context,
      {
        type: 'CreateVirtualMFADevice',
        virtualMFADeviceName: args.virtualMfaDeviceName,
        ...(args.path === null || args.path === undefined ? {} : { path: args.path }),
        ...(args.tags === null || args.tags === undefined ? {} : { tags: plainTags(args.tags) }),
      },
      { virtualMFADeviceName: 'virtualMfaDeviceName' },
    );
    return { ...virtualMFADevice };
  }

  @Mutation(() => MutationResult, {
    description: 'IAM EnableMFADevice: two consecutive codes prove the device',
  })
  @Authorized<EnableMfaDeviceArgs>('iam:EnableMFADevice', (args, { arns, principal }) =>
    arns.userOrSelf(args.userName, principal),
  )
  async enableMfaDevice(
    @Args() args: EnableMfaDeviceArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'EnableMFADevice',
      ...(args.userName === null || args.userName === undefined ? {} : { userName: args.userName }),
      serialNumber: args.serialNumber,
      authenticationCode1: args.authenticationCode1,
      authenticationCode2: args.authenticationCode2,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM DeactivateMFADevice' })
  @Authorized<DeactivateMfaDeviceArgs>('iam:DeactivateMFADevice', (args, { arns, principal }) =>
    arns.userOrSelf(args.userName, principal),
  )
  async deactivateMfaDevice(
    @Args() args: DeactivateMfaDeviceArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'DeactivateMFADevice',
      ...(args.userName === null || args.userName === undefined ? {} : { userName: args.userName }),
      serialNumber: args.serialNumber,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM DeleteVirtualMFADevice (unassigned)' })
  @Authorized<SerialNumberArgs>('iam:DeleteVirtualMFADevice', (args) => args.serialNumber)
  async deleteVirtualMfaDevice(
    @Args() args: SerialNumberArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'DeleteVirtualMFADevice',
      serialNumber: args.serialNumber,
    });
    return { checkpoint };
  }

  @Query(() => MfaDeviceConnection, { description: "IAM ListMFADevices: a user's enabled devices" })
  @Authorized<ListMfaDevicesArgs>('iam:ListMFADevices', (args, { arns, principal }) =>
    arns.userOrSelf(args.userName, principal),
  )
  async listMfaDevices(
    @Args() args: ListMfaDevicesArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MfaDeviceConnection> {
    const page = pageOf(args);
    const userName = args.userName ?? principalOf(context).userName;
    if (userName === undefined) throw notFound('user', '(caller)');
    await context.services.readModels.current();
    const connection = await context.services.queries.listMfaDevices(
      { userName, assignmentStatus: 'Assigned' },
      page,
    );
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: mfaDeviceOf(e.node) })),
    };
  }

  @Query(() => MfaDeviceConnection, { description: 'IAM ListVirtualMFADevices' })
  @Authorized('iam:ListVirtualMFADevices', () => '*')
  async listVirtualMfaDevices(
    @Args() args: ListVirtualMfaDevicesArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MfaDeviceConnection> {
    const page = pageOf(args);
    const status = assignmentStatus(args.assignmentStatus);
    await context.services.readModels.current();
    const connection = await context.services.queries.listMfaDevices(
      { assignmentStatus: status },
      page,
    );
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: mfaDeviceOf(e.node) })),
    };
  }
}
