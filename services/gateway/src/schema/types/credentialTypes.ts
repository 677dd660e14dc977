import type { AccessKeyInfo, MfaDeviceInfo, Principal } from '@gatehouse/iam';
import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../relay/connectionType.js';
import { dateOf } from './common.js';
import { PolicyFinding } from './findingTypes.js';

/** IAM's `AccessKeyMetadata` (never the secret). */
@ObjectType({ simpleResolvers: true })
export class AccessKeyMetadata {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  accessKeyId!: string;

  @Field(() => String, { description: '`Active` or `Inactive`' })
  status!: string;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Last authenticated request (minute precision)',
  })
  lastUsedDate!: Date | null;
}

/** A page of access keys. */
@ObjectType({ simpleResolvers: true })
export class AccessKeyMetadataConnection extends connectionType(AccessKeyMetadata) {}

/** A new access key: the only time its secret is shown. */
@ObjectType({ simpleResolvers: true })
export class AccessKey {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  accessKeyId!: string;

  @Field(() => String, {
    description: 'Shown once; sign requests with it (README, "Authentication")',
  })
  secretAccessKey!: string;

  @Field(() => String)
  status!: string;

  @Field(() => Date)
  createDate!: Date;
}

/** A user's password (IAM's `LoginProfile`). */
@ObjectType({ simpleResolvers: true })
export class LoginProfile {
  @Field(() => String)
  userName!: string;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => Boolean)
  passwordResetRequired!: boolean;
}

/** A new virtual MFA device: the only time its seed is shown. */
@ObjectType({ simpleResolvers: true })
export class VirtualMfaDevice {
  @Field(() => String, { description: 'The device ARN, used as `serialNumber`' })
  serialNumber!: string;

  @Field(() => String, { description: 'The TOTP seed (RFC 4648 base32), shown once' })
  base32StringSeed!: string;

  @Field(() => String, { description: '`otpauth://totp/…`, for a QR code' })
  qrCodeUri!: string;
}

/** An MFA device (ListMFADevices, ListVirtualMFADevices). */
@ObjectType({ simpleResolvers: true })
export class MfaDevice {
  @Field(() => String)
  serialNumber!: string;

  @Field(() => String)
  deviceName!: string;

  @Field(() => String)
  path!: string;

  @Field(() => String, { nullable: true })
  userName!: string | null;

  @Field(() => Boolean)
  assignedToRoot!: boolean;

  @Field(() => Date, { nullable: true })
  enableDate!: Date | null;

  @Field(() => Date)
  createDate!: Date;
}

/** A page of MFA devices. */
@ObjectType({ simpleResolvers: true })
export class MfaDeviceConnection extends connectionType(MfaDevice) {}

/** Temporary credentials (GetSessionToken, AssumeRole): the secret and token are shown once. */
@ObjectType({ simpleResolvers: true })
export class Credentials {
  @Field(() => String, { description: '`ASIA…`' })
  accessKeyId!: string;

  @Field(() => String)
  secretAccessKey!: string;

  @Field(() => String, {
    description: 'Send as `X-Gatehouse-Security-Token` with signed requests, or as a bearer token',
  })
  sessionToken!: string;

  @Field(() => Date)
  expiration!: Date;
}

/** STS `GetSessionToken`'s result. */
@ObjectType({ simpleResolvers: true })
export class SessionTokenResult {
  @Field(() => Credentials)
  credentials!: Credentials;
}

/** STS `AssumedRoleUser`. */
@ObjectType({ simpleResolvers: true })
export class AssumedRoleUser {
  @Field(() => String, { description: '`AROA…:<session name>`' })
  assumedRoleId!: string;

  @Field(() => String)
  arn!: string;
}

/** STS `AssumeRole`'s result: the role's credentials, and only the role's permissions. */
@ObjectType({ simpleResolvers: true })
export class AssumeRoleResult {
  @Field(() => Credentials)
  credentials!: Credentials;

  @Field(() => AssumedRoleUser)
  assumedRoleUser!: AssumedRoleUser;

  @Field(() => String, { nullable: true })
  sourceIdentity!: string | null;

  @Field(() => [PolicyFinding], { description: 'Findings on the session policy, if one was given' })
  policyFindings!: PolicyFinding[];
}

/** Who is calling (STS `GetCallerIdentity`, and the principal of a sign-in). */
@ObjectType({ simpleResolvers: true })
export class CallerIdentity {
  @Field(() => String)
  account!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String, { description: '`aws:userid`' })
  userId!: string;

  @Field(() => String, { description: '`Root`, `User` or `AssumedRole`' })
  principalType!: string;

  @Field(() => Boolean)
  mfaAuthenticated!: boolean;

  @Field(() => Date, { nullable: true })
  sessionExpiration!: Date | null;
}

/** A sign-in: the bearer session token (shown once) and who it is for. */
@ObjectType({ simpleResolvers: true })
export class SignInResult {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`' })
  sessionToken!: string;

  @Field(() => String)
  sessionId!: string;

  @Field(() => Date)
  expiration!: Date;

  @Field(() => CallerIdentity)
  principal!: CallerIdentity;

  @Field(() => Boolean, { description: 'True for every sign-in of the root user' })
  rootSignIn!: boolean;

  @Field(() => Boolean, {
    description: 'Only `changePassword` is allowed until the password changes',
  })
  passwordResetRequired!: boolean;

  @Field(() => [String])
  warnings!: string[];
}

/** Access key metadata from the read model. */
export function accessKeyMetadataOf(key: AccessKeyInfo): AccessKeyMetadata {
  return {
    userName: key.userName,
    accessKeyId: key.accessKeyId,
    status: key.status,
    createDate: dateOf(key.createDate),
    lastUsedDate: key.lastUsedDate === null ? null : dateOf(key.lastUsedDate),
  };
}

/** An MFA device from the read model. */
export function mfaDeviceOf(device: MfaDeviceInfo): MfaDevice {
  return {
    serialNumber: device.serialNumber,
    deviceName: device.deviceName,
    path: device.path,
    userName: device.userName,
    assignedToRoot: device.assignedToRoot,
    enableDate: device.enableDate === null ? null : dateOf(device.enableDate),
    createDate: dateOf(device.createDate),
  };
}

/** A principal as GraphQL shows it. */
export function callerIdentityOf(principal: Principal): CallerIdentity {
  return {
    account: principal.accountId,
    arn: principal.principalArn,
    userId: principal.principalId,
    principalType: principal.principalType,
    mfaAuthenticated: principal.mfaAuthenticated,
    sessionExpiration: principal.expiresAt ?? null,
  };
}
