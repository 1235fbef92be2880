// Regenerates src/api/schema.ts from the server's own OpenAPI document, so the web client's types
// follow the routes' TypeBox schemas. Builds the app in-process on an in-memory database: no server
// needs to be running. Run after changing a route: `npm run generate:api -w @opsledger/web`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { openDatabase } from '../../server/src/db/engine.ts';
import { migrate } from '../../server/src/db/migrate.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(here, '../src/api/schema.ts');

const database = await openDatabase({ dataDir: 'memory://' });
await migrate(database);
const app = await buildApp({
  config: loadConfig({ OPSLEDGER_DEMO: '0' }, { auditSealIntervalMs: 0 }),
  database,
  logger: false,
});
await app.ready();
const document = app.swagger() as Parameters<typeof openapiTS>[0];
const ast = await openapiTS(document, { alphabetize: true });
const header = '// Generated from GET /api/openapi.json by scripts/generate-api.ts. Do not edit by hand.\n\n';
fs.writeFileSync(target, header + astToString(ast));
// Formatted like the rest of the repository, so regenerating shows only real changes.
spawnSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
await app.close();
await database.close();
console.log(`wrote ${path.relative(process.cwd(), target)}`);
