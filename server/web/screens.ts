import { employerSearchScreens } from './employer/search.js';
import type { ScreenModule } from './index.js';

/** Every screen module of the web UI, registered in this order. */
export const WEB_SCREENS: ScreenModule[] = [employerSearchScreens];
