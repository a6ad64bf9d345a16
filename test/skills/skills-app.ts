import type { Express } from 'express';
import type { ApiBuilder } from '../../server/http/api.js';
import { registerSkillRoutes } from '../../server/skills/routes.js';
import { routesApp } from '../support/routes-app.js';

export { BASE } from '../support/routes-app.js';

/** An app with only the skills routes. */
export function skillsApp(): Promise<{ app: Express; api: ApiBuilder }> {
  return routesApp(registerSkillRoutes);
}
