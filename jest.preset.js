// Shared jest setup. Every package runs two projects: `unit` (pure, fast, beside
// the code as *.test.ts) and `integration` (*.int.test.ts, real PostgreSQL and
// Kafka). TypeScript is transformed by SWC as native ES modules; type checking is
// the separate `typecheck` task, so tests stay fast.
import { fileURLToPath } from 'node:url';

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2023',
      // type-graphql reads constructor and property types from decorator metadata.
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const integrationSetup = fileURLToPath(new URL('./jest.setup.integration.js', import.meta.url));

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swcTransform },
  // Sources import siblings as `./x.js` (NodeNext); jest resolves the `.ts` file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

/**
 * The jest configuration of one workspace package.
 * @param {string} dir the package directory (import.meta.dirname of its jest.config.js)
 */
export function jestProjects(dir) {
  return {
    projects: [
      {
        ...common,
        displayName: 'unit',
        rootDir: dir,
        testMatch: ['<rootDir>/{src,test}/**/*.test.ts'],
        testPathIgnorePatterns: [
          ...common.testPathIgnorePatterns,
          '\\.int\\.test\\.ts$',
          '\\.e2e\\.test\\.ts$',
        ],
      },
      {
        ...common,
        displayName: 'integration',
        rootDir: dir,
        testMatch: ['<rootDir>/{src,test}/**/*.int.test.ts'],
        setupFilesAfterEnv: [integrationSetup],
      },
      {
        ...common,
        displayName: 'e2e',
        rootDir: dir,
        testMatch: ['<rootDir>/{src,test}/**/*.e2e.test.ts'],
        setupFilesAfterEnv: [integrationSetup],
      },
    ],
  };
}
