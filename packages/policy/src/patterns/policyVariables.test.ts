import { describe, expect, it } from '@jest/globals';
import { parseTemplate, resolvePieces, resolveString } from './policyVariables.js';

const lookup = (values: Record<string, string>) => (key: string) => values[key.toLowerCase()];

describe('parseTemplate', () => {
  it('splits text, variables, defaults and escapes', () => {
    const { template, problems } = parseTemplate(
      "a/${aws:username}/${ aws:userid , 'anon' }${*}",
      true,
    );
    expect(problems).toEqual([]);
    expect(template.hasVariables).toBe(true);
    expect(template.parts).toEqual([
      { kind: 'text', text: 'a/' },
      { kind: 'variable', key: 'aws:username', defaultValue: undefined, start: 2 },
      { kind: 'text', text: '/' },
      { kind: 'variable', key: 'aws:userid', defaultValue: 'anon', start: 18 },
      { kind: 'escape', text: '*' },
    ]);
  });

  it('treats escapes alone as needing no variables', () => {
    expect(parseTemplate('a${?}${$}', true).template.hasVariables).toBe(false);
  });

  it('reads everything as text when variables are not enabled', () => {
    const { template } = parseTemplate('${aws:username}', false);
    expect(template.parts).toEqual([{ kind: 'text', text: '${aws:username}' }]);
    expect(template.hasVariables).toBe(false);
  });

  it.each([
    ['${aws:username', 'unterminated policy variable, `}` is missing'],
    ['${}', 'invalid policy variable `${}`'],
    ['${a b}', 'invalid policy variable `${a b}`'],
    ['${a, b}', 'invalid policy variable `${a, b}`'],
  ])('reports %j and keeps it as text', (raw, message) => {
    const { template, problems } = parseTemplate(raw, true);
    expect(problems.map((p) => p.message)).toEqual([message]);
    expect(template.hasVariables).toBe(false);
    expect(resolveString(template, undefined)).toBe(raw);
  });
});

describe('resolving templates', () => {
  const { template } = parseTemplate(
    "home/${aws:username, 'guest'}/${aws:PrincipalTag/team}*",
    true,
  );

  it('substitutes values, falling back to defaults', () => {
    expect(resolveString(template, lookup({ 'aws:principaltag/team': 'blue' }))).toBe(
      'home/guest/blue*',
    );
  });

  it('gives nothing when a variable without default has no value', () => {
    expect(resolveString(template, lookup({ 'aws:username': 'alice' }))).toBeUndefined();
    expect(resolvePieces(template, lookup({}))).toBeUndefined();
  });

  it('marks substituted pieces as literal', () => {
    expect(
      resolvePieces(template, lookup({ 'aws:username': '*', 'aws:principaltag/team': 'b' })),
    ).toEqual([
      { text: 'home/', wildcards: true },
      { text: '*', wildcards: false },
      { text: '/', wildcards: true },
      { text: 'b', wildcards: false },
      { text: '*', wildcards: true },
    ]);
  });
});
