import { adminScreens } from './admin/index.js';
import { employerSearchScreens } from './employer/search.js';
import { employerVacancyScreens } from './employer/vacancies.js';
import type { ScreenModule } from './index.js';
import { meScreens } from './me/index.js';
import { officerScreens } from './officer/index.js';
import { staffScreens } from './staff/index.js';

/** Every screen module of the web UI, registered in this order. */
export const WEB_SCREENS: ScreenModule[] = [
  employerSearchScreens,
  staffScreens,
  employerVacancyScreens,
  meScreens,
  adminScreens,
  officerScreens,
];
