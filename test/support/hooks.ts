import { closeTestDeps } from './context.js';

/** Root hooks: close the shared connections once every suite has run. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await closeTestDeps();
  },
};
