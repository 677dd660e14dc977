import { describe, expect, it } from '@jest/globals';
import type { AuthorizationResult, AuthorizeRequest, Principal } from '@gatehouse/iam';
import { ManualClock } from '@gatehouse/iam/testing';
import { createLogger } from '@gatehouse/service-kit';
import type { GatewayContext, GatewayServices } from '../context/gatewayContext.js';
import { ResponseWarnings } from '../context/responseWarnings.js';
import { MemoryDecisionLog } from '../decisions/decisionLog.js';
import { isGatewayError } from '../errors/gatewayError.js';
import { enforceDeclaration } from './authorizationMiddleware.js';
import { Authorizer } from './authorizer.js';
import type { AuthorizationDeclaration } from './declaration.js';
import type { TargetArns } from './targetArns.js';

const ALICE: Principal = {
  principalType: 'User',
  principalArn: 'arn:gatehouse:iam::123456789012:user/alice',
  principalId: 'AIDAALICE',
  accountId: '123456789012',
  userName: 'alice',
  mfaAuthenticated: false,
  originalPrincipalArn: 'arn:gatehouse:iam::123456789012:user/alice',
  passwordResetRequired: false,
  warnings: [],
};

/** A decision point allowing exactly the listed action/resource pairs. */
function contextWith(principal: Principal | undefined, allowed: readonly string[]) {
  const asked: AuthorizeRequest[] = [];
  const log = new MemoryDecisionLog();
  const point = {
    authorize(request: AuthorizeRequest): AuthorizationResult {
      asked.push(request);
      const decision = allowed.includes(`${request.action} ${request.resource}`)
        ? 'Allowed'
        : 'ImplicitlyDenied';
      return { decision, matched: [], principalArn: ALICE.principalArn, root: false };
    },
  };
  const services = {
    authorizer: new Authorizer(point, log),
    arns: {
      user: (name: string) => `arn:gatehouse:iam::123456789012:user/${name}`,
    } as unknown as TargetArns,
    clock: new ManualClock(),
    logger: createLogger({ service: 'test', level: 'silent' }),
  } as unknown as GatewayServices;
  const context: GatewayContext = {
    request: {
      requestId: 'req-1',
      sourceIp: '10.0.0.1',
      secureTransport: true,
      userAgent: undefined,
      receivedAt: new Date(),
    },
    principal,
    services,
    warnings: new ResponseWarnings(),
    setHeader: () => undefined,
  };
  return { context, asked, log };
}

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isGatewayError(error) ? error.code : 'OTHER';
  }
}

const getUser: AuthorizationDeclaration = {
  kind: 'policy',
  action: 'iam:GetUser',
  checks: (args, { arns }) => [{ resource: arns.user(String(args.userName)) }],
};

describe('enforceDeclaration', () => {
  it('refuses a field without a declaration (default deny), even for root', () => {
    const { context } = contextWith({ ...ALICE, principalType: 'Root' }, []);
    expect(codeOf(() => enforceDeclaration(undefined, 'newField', {}, context))).toBe('FORBIDDEN');
  });

  it('lets public fields through without credentials, and nothing else', () => {
    const { context } = contextWith(undefined, []);
    expect(
      codeOf(() =>
        enforceDeclaration({ kind: 'public', reason: 'sign-in' }, 'signIn', {}, context),
      ),
    ).toBeUndefined();
    expect(
      codeOf(() =>
        enforceDeclaration({ kind: 'authenticated', reason: 'who am i' }, 'x', {}, context),
      ),
    ).toBe('UNAUTHENTICATED');
    expect(codeOf(() => enforceDeclaration(getUser, 'getUser', { userName: 'bob' }, context))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('keeps root-only fields for root', () => {
    const root = contextWith({ ...ALICE, principalType: 'Root' }, []).context;
    const user = contextWith(ALICE, []).context;
    const declaration: AuthorizationDeclaration = { kind: 'root', reason: 'account task' };
    expect(
      codeOf(() => enforceDeclaration(declaration, 'updateRootEmail', {}, root)),
    ).toBeUndefined();
    expect(codeOf(() => enforceDeclaration(declaration, 'updateRootEmail', {}, user))).toBe(
      'FORBIDDEN',
    );
  });

  it('asks the decision point with the action, the resource and the request context, and logs the decision', () => {
    const { context, asked, log } = contextWith(ALICE, [
      'iam:GetUser arn:gatehouse:iam::123456789012:user/bob',
    ]);
    expect(
      codeOf(() => enforceDeclaration(getUser, 'getUser', { userName: 'bob' }, context)),
    ).toBeUndefined();
    expect(
      codeOf(() => enforceDeclaration(getUser, 'getUser', { userName: 'carol' }, context)),
    ).toBe('FORBIDDEN');
    expect(asked[0]).toMatchObject({
      principal: ALICE,
      action: 'iam:GetUser',
      resource: 'arn:gatehouse:iam::123456789012:user/bob',
      context: { 'aws:SecureTransport': true },
      sourceIp: '10.0.0.1',
    });
    expect(log.records.map((r) => [r.resource, r.decision, r.source, r.requestId])).toEqual([
      ['arn:gatehouse:iam::123456789012:user/bob', 'Allowed', 'gateway', 'req-1'],
      ['arn:gatehouse:iam::123456789012:user/carol', 'ImplicitlyDenied', 'gateway', 'req-1'],
    ]);
  });

  it('needs every resource of a batch allowed', () => {
    const { context } = contextWith(ALICE, ['iam:SimulatePrincipalPolicy a']);
    const batch: AuthorizationDeclaration = {
      kind: 'policy',
      action: 'iam:SimulatePrincipalPolicy',
      checks: () => [{ resource: 'a' }, { resource: 'b' }],
    };
    expect(codeOf(() => enforceDeclaration(batch, 'isAuthorizedBatch', {}, context))).toBe(
      'FORBIDDEN',
    );
  });
});
