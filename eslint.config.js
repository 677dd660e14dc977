// One flat config for the whole repository. Type-aware rules are on; package
// boundaries (which package may import which) are enforced here, not by goodwill.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports each package must not make: dependencies point one way (DESIGN.md). */
const boundaries = [
  {
    files: ['packages/policy/src/**'],
    patterns: [
      '@gatehouse/*',
      'node:fs*',
      'node:net',
      'node:http*',
      'node:child_process',
      'pg',
      'kafkajs',
    ],
    why: '@gatehouse/policy is pure: no I/O and no other workspace package',
  },
  {
    files: ['packages/event-store/src/**'],
    patterns: [
      '@gatehouse/policy',
      '@gatehouse/iam',
      '@gatehouse/workflow',
      '@gatehouse/gateway',
      '@gatehouse/approvals',
    ],
    why: '@gatehouse/event-store knows Postgres and Kafka but nothing of IAM',
  },
  {
    files: ['packages/db/src/**', 'packages/service-kit/src/**'],
    patterns: [
      '@gatehouse/policy',
      '@gatehouse/iam',
      '@gatehouse/event-store',
      '@gatehouse/workflow',
      '@gatehouse/gateway',
      '@gatehouse/approvals',
    ],
    why: 'infrastructure packages know nothing of the domain',
  },
  {
    files: ['packages/iam/src/**'],
    patterns: ['@gatehouse/workflow', '@gatehouse/gateway', '@gatehouse/approvals'],
    why: '@gatehouse/iam must not depend on the workflow or the services built on it',
  },
  {
    files: ['packages/workflow/src/**'],
    patterns: [
      '@gatehouse/gateway',
      '@gatehouse/approvals',
      '@gatehouse/cli',
      'fastify',
      'kafkajs',
    ],
    why: '@gatehouse/workflow is the shared approval domain: services depend on it, never the reverse',
  },
  {
    files: ['packages/audit/src/**'],
    patterns: [
      '@gatehouse/gateway',
      '@gatehouse/approvals',
      '@gatehouse/cli',
      'fastify',
      'kafkajs',
    ],
    why: '@gatehouse/audit answers from the log for the services; it never depends on them',
  },
  {
    files: ['packages/cli/src/**'],
    patterns: [
      '@gatehouse/gateway',
      '@gatehouse/approvals',
      '@gatehouse/event-store',
      '@gatehouse/db',
      '@gatehouse/iam',
      // The workflow's pure rules parser only (its main entry brings the event store and Postgres).
      '@gatehouse/workflow/*',
      '!@gatehouse/workflow/rules',
      'pg',
      'kafkajs',
    ],
    paths: ['@gatehouse/workflow'],
    why: 'the CLI talks to the gateway over GraphQL, never to the database, the domain or the services directly; of the workflow it uses only `@gatehouse/workflow/rules`',
  },
  {
    files: ['services/gateway/src/**'],
    patterns: ['@gatehouse/approvals'],
    why: 'services talk through events, never through each other',
  },
  {
    files: ['services/approvals/src/**'],
    patterns: ['@gatehouse/gateway'],
    why: 'services talk through events, never through each other',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/coverage/**',
      '**/generated/**',
      '**/node_modules/**',
      '.cache/**',
      '.turbo/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', '*/*/tsconfig.json', 'e2e/tsconfig.json'],
        }),
      ],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'import-x/no-cycle': 'error',
      'import-x/no-default-export': 'error',
      'import-x/no-self-import': 'error',
      'no-console': 'error',
    },
  },
  {
    // type-graphql classes describe the schema's shapes; resolvers return plain
    // objects of those shapes, and nothing relies on instanceof.
    files: ['services/gateway/src/**'],
    rules: { '@typescript-eslint/no-unsafe-class-instance-assignment': 'off' },
  },
  {
    // Plain JavaScript (tool configs, small scripts) is linted without type information.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tool configuration files are loaded by their tools through a default export.
    files: ['*.config.{js,ts}', '**/*.config.{js,ts}', 'jest.preset.js'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: [
      '**/*.test.ts',
      '**/test/**',
      '**/testing/**',
      'e2e/**',
      '**/bench/**',
      '**/scripts/**',
      'deploy/**',
    ],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  ...boundaries.map(({ files, patterns, paths = [], why }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // `paths`: exact module names, for packages some of whose subpaths are allowed.
          paths: paths.map((name) => ({ name, message: why })),
          patterns: [{ group: patterns, message: why }],
        },
      ],
    },
  })),
  prettier,
);
