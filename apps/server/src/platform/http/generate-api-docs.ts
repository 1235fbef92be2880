// npm run docs:api — writes docs/api.md from the app's routes (built in-process on an in-memory
// database; no server needs to be running).
import fs from 'node:fs';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/engine.ts';
import { migrate } from '../../db/migrate.ts';
import { API_DOC_PATH, type OpenApiDocument, renderApiDoc } from './api-docs.ts';

const database = await openDatabase({ dataDir: 'memory://' });
await migrate(database);
const app = await buildApp({
  config: loadConfig({ OPSLEDGER_DEMO: '0' }, { auditSealIntervalMs: 0 }),
  database,
  logger: false,
});
await app.ready();
fs.writeFileSync(API_DOC_PATH, renderApiDoc(app.swagger() as unknown as OpenApiDocument, app.routeTable));
await app.close();
await database.close();
process.stdout.write(`wrote ${API_DOC_PATH}\n`);
