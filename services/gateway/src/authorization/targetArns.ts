import { iamArn, rootArn, serviceArn, type AccountView, type Principal } from '@gatehouse/iam';

/**
 * The ARNs authorization decisions are made on, read from the in-memory view.
 * An entity that does not exist is named at its default-path ARN (`user/<name>`),
 * as `@gatehouse/iam` does, so an unauthorized caller learns nothing about which
 * names exist: it is denied the same way either way.
 */
export class TargetArns {
  readonly #view: AccountView;

  constructor(view: AccountView) {
    this.#view = view;
  }

  get accountId(): string {
    return this.#view.account().accountId;
  }

  /** A user's current ARN (its path included). */
  user(userName: string): string {
    const id = this.#view.holderOf('user', userName);
    const user = id === undefined ? undefined : this.#view.user(id);
    return user?.status === 'active' ? user.arn : iamArn(this.accountId, 'user', '/', userName);
  }

  group(groupName: string): string {
    const id = this.#view.holderOf('group', groupName);
    const group = id === undefined ? undefined : this.#view.group(id);
    return group?.status === 'active' ? group.arn : iamArn(this.accountId, 'group', '/', groupName);
  }

  role(roleName: string): string {
    const id = this.#view.holderOf('role', roleName);
    const role = id === undefined ? undefined : this.#view.role(id);
    return role?.status === 'active' ? role.arn : iamArn(this.accountId, 'role', '/', roleName);
  }

  /** The ARN an entity about to be created will have. */
  created(
    kind: 'user' | 'group' | 'role' | 'policy' | 'mfa',
    path: string | null | undefined,
    name: string,
  ): string {
    return iamArn(this.accountId, kind, path ?? '/', name);
  }

  /** The user a command defaults to when `userName` is left out: the caller (or root). */
  userOrSelf(userName: string | null | undefined, principal: Principal): string {
    if (userName !== null && userName !== undefined) return this.user(userName);
    return principal.principalType === 'AssumedRole'
      ? rootArn(this.accountId)
      : principal.principalArn;
  }

  /** `arn:gatehouse:sts::<account>:session/<id>`. */
  session(sessionId: string): string {
    return serviceArn('sts', this.accountId, `session/${sessionId}`);
  }

  /** The trust policy of a role given by ARN (for `sts:AssumeRole`), if the role exists. */
  trustPolicyOf(roleArn: string): string | undefined {
    const name = /^arn:gatehouse:iam::\d{12}:role\/(?:[^/]+\/)*([^/]+)$/.exec(roleArn)?.[1];
    if (name === undefined) return undefined;
    const id = this.#view.holderOf('role', name);
    const role = id === undefined ? undefined : this.#view.role(id);
    return role?.status === 'active' && role.arn === roleArn
      ? role.assumeRolePolicyDocument
      : undefined;
  }
}
