import { jestProjects } from '../jest.preset.js';

const config = jestProjects(import.meta.dirname);

// The e2e project records what it starts and kills leftovers after the run
// (src/support/cleanup.ts); suites start their own processes on their own
// ports and databases, so two run side by side.
export default {
  ...config,
  projects: config.projects.map((project) =>
    project.displayName === 'e2e'
      ? {
          ...project,
          globalSetup: `${import.meta.dirname}/jestGlobalSetup.js`,
          globalTeardown: `${import.meta.dirname}/jestGlobalTeardown.js`,
        }
      : project,
  ),
};
