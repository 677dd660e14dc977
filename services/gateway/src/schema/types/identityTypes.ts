import type {
  GroupInfo,
  GroupSummary,
  RoleInfo,
  RoleSummary,
  UserInfo,
  UserSummary,
} from '@gatehouse/iam';
import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../relay/connectionType.js';
import { boundaryOf, dateOf, PermissionsBoundary, Tag } from './common.js';

/** IAM's `User`. */
@ObjectType({ simpleResolvers: true })
export class User {
  @Field(() => String)
  userName!: string;

  @Field(() => String, { description: 'Unique id (`AIDA…`), never reused' })
  userId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  path!: string;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => [Tag])
  tags!: Tag[];

  @Field(() => PermissionsBoundary, { nullable: true })
  permissionsBoundary!: PermissionsBoundary | null;
}

/** A page of users. */
@ObjectType({ simpleResolvers: true })
export class UserConnection extends connectionType(User) {}

/** IAM's `Group`. */
@ObjectType({ simpleResolvers: true })
export class Group {
  @Field(() => String)
  groupName!: string;

  @Field(() => String, { description: 'Unique id (`AGPA…`)' })
  groupId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  path!: string;

  @Field(() => Date)
  createDate!: Date;
}

/** A page of groups. */
@ObjectType({ simpleResolvers: true })
export class GroupConnection extends connectionType(Group) {}

/** `getGroup`: the group and a page of its members (IAM's GetGroup). */
@ObjectType({ simpleResolvers: true })
export class GroupWithUsers {
  @Field(() => Group)
  group!: Group;

  @Field(() => UserConnection)
  users!: UserConnection;
}

/** IAM's `Role`. */
@ObjectType({ simpleResolvers: true })
export class Role {
  @Field(() => String)
  roleName!: string;

  @Field(() => String, { description: 'Unique id (`AROA…`)' })
  roleId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  path!: string;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => String, { description: 'The trust policy (JSON)' })
  assumeRolePolicyDocument!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int, { description: 'Seconds' })
  maxSessionDuration!: number;

  @Field(() => [Tag])
  tags!: Tag[];

  @Field(() => PermissionsBoundary, { nullable: true })
  permissionsBoundary!: PermissionsBoundary | null;
}

/** A page of roles. */
@ObjectType({ simpleResolvers: true })
export class RoleConnection extends connectionType(Role) {}

/** A user from a command result or from the read model. */
export function userOf(user: UserSummary | UserInfo): User {
  return {
    userName: user.userName,
    userId: user.userId,
    arn: user.arn,
    path: user.path,
    createDate: dateOf(user.createDate),
    tags: user.tags.map((t) => ({ key: t.key, value: t.value })),
    permissionsBoundary:
      'permissionsBoundaryArn' in user
        ? boundaryOf(user.permissionsBoundaryArn)
        : (user.permissionsBoundary ?? null),
  };
}

/** A group from a command result or from the read model. */
export function groupOf(group: GroupSummary | GroupInfo): Group {
  return {
    groupName: group.groupName,
    groupId: group.groupId,
    arn: group.arn,
    path: group.path,
    createDate: dateOf(group.createDate),
  };
}

/** A role from a command result or from the read model. */
export function roleOf(role: RoleSummary | RoleInfo): Role {
  return {
    roleName: role.roleName,
    roleId: role.roleId,
    arn: role.arn,
    path: role.path,
    createDate: dateOf(role.createDate),
    assumeRolePolicyDocument: role.assumeRolePolicyDocument,
    description: role.description,
    maxSessionDuration: role.maxSessionDuration,
    tags: role.tags.map((t) => ({ key: t.key, value: t.value })),
    permissionsBoundary:
      'permissionsBoundaryArn' in role
        ? boundaryOf(role.permissionsBoundaryArn)
        : (role.permissionsBoundary ?? null),
  };
}
