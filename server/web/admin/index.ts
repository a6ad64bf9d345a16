import type { ScreenModule } from '../index.js';
import { registerEmployerAdmin } from './employers.js';
import { registerFacilityAdmin } from './facilities.js';
import { registerNotificationAdmin } from './notifications.js';
import { registerUserAdmin } from './users.js';

/**
 * Administration: facilities, users and invitations (officers invite their clients and employers at /app/invite),
 * employer verification, and notifications that failed, with the queue dashboard one link away.
 */
export const adminScreens: ScreenModule = (web, deps) => {
  registerFacilityAdmin(web);
  registerUserAdmin(web, deps);
  registerEmployerAdmin(web, deps);
  registerNotificationAdmin(web, deps);
};
