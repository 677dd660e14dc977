import { jestProjects } from '../../jest.preset.js';

export default jestProjects(import.meta.dirname);
