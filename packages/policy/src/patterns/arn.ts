/**
 * Splits an ARN into its six colon-delimited parts: `arn`, partition, service, region, account
 * and resource (which may itself contain colons). Undefined if there are fewer than five colons.
 */
export function splitArn(value: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = value.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(value.slice(start, colon));
    start = colon + 1;
  }
  parts.push(value.slice(start));
  return parts;
}

/** The parts of an ARN, named. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Parses an ARN whose first part is `arn`; undefined otherwise. */
export function parseArn(value: string): ArnParts | undefined {
  const parts = splitArn(value);
  if (parts?.[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = '', resource = ''] = parts;
  return { partition, service, region, account, resource };
}
