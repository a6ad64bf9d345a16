import { type Config, ConfigError, loadConfig } from './schema.js';

export type { Config } from './schema.js';
export { ConfigError, DEV_SECRETS, loadConfig } from './schema.js';

function parseOrExit(): Config {
  try {
    // The one place that reads the process environment.
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(
        `${err.message}\nFix the variables above (see the configuration table in README.md).\n`,
      );
      process.exit(1);
    }
    throw err;
  }
}

/** The configuration of this process, parsed once at first import. */
export const config: Config = parseOrExit();
