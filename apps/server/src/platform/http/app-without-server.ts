// The app on an empty in-memory database, for tools that read its routes and OpenAPI document
// without a running server: `npm run docs:api` and the web app's `npm run generate:api`.
import { buildApp, type OpsLedgerApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/engine.ts';
import { migrate } from '../../db/migrate.ts';

export async function readApp<T>(read: (app: OpsLedgerApp) => T | Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database);
    const app = await buildApp({
      config: loadConfig({ OPSLEDGER_DEMO: '0' }, { auditSealIntervalMs: 0 }),
      database,
      logger: false,
    });
    try {
      await app.ready();
      return await read(app);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
