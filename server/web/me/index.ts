import type { ScreenModule } from '../index.js';
import { registerMyAlerts } from './alerts.js';
import { registerMyApplications } from './applications.js';
import { registerMyData } from './data.js';
import { registerMyJobs } from './jobs.js';

/**
 * The released person's own screens: matching jobs and "Saya tertarik", their alerts, their
 * applications (never internal notes or reasons for closing), and their data, consent and export.
 */
export const meScreens: ScreenModule = (web, deps) => {
  registerMyJobs(web, deps);
  registerMyApplications(web, deps);
  registerMyAlerts(web);
  registerMyData(web, deps);
};
