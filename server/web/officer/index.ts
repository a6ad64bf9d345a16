import type { ScreenModule } from '../index.js';
import { officerClientScreens } from './clients.js';
import { officerPipelineScreens } from './pipeline.js';
import { officerReportScreens } from './reports.js';

/**
 * The Bapas officer's screens: clients due for release and their records, the placement pipeline,
 * and reports. Officers see their own Bapas; admins may open them too.
 */
export const officerScreens: ScreenModule = (web, deps) => {
  officerClientScreens(web, deps);
  officerPipelineScreens(web, deps);
  officerReportScreens(web, deps);
};
