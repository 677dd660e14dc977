/** Policy documents for tests. */
export function allow(action: string | string[], resource: string | string[] = '*'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });
}

export function deny(action: string | string[], resource: string | string[] = '*'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: action, Resource: resource }],
  });
}

/** A trust policy letting the given AWS principals assume the role. */
export function trust(principals: string | string[], condition?: object): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principals },
        Action: 'sts:AssumeRole',
        ...(condition === undefined ? {} : { Condition: condition }),
      },
    ],
  });
}

/** A syntactically valid identity policy of roughly `size` characters outside whitespace. */
export function sizedPolicy(size: number): string {
  const base = allow('s3:GetObject', 'arn:aws:s3:::x');
  const padding = Math.max(0, size - base.length);
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'S',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${'x'.repeat(padding)}`,
      },
    ],
  });
}
