import { jestProjects } from '../../jest.preset.js';

const config = jestProjects(import.meta.dirname);
// type-graphql's decorators read TypeScript's design metadata: modules that
// declare schema types need the Reflect metadata API loaded first, as main.ts does.
for (const project of config.projects) project.setupFiles = ['reflect-metadata'];

export default config;
