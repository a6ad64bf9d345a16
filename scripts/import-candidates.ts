/**
 * `npm run import:candidates -- FILE.csv --facility CODE`: upserts WBP skill profiles into one
 * Lapas/Rutan/LPKA by registration number. Columns, semantics and exit codes: docs/import.md.
 * Needs the stack running (`npm start` or `npm run stack`).
 */
import { config } from '../config/index.js';
import { runImportCli } from '../server/imports/cli.js';

runImportCli('candidates', process.argv.slice(2), config).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`import failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
