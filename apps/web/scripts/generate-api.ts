// Regenerates src/api/schema.ts from the server's own OpenAPI document, so the web client's types
// follow the routes' TypeBox schemas. Reads the app built in-process on an in-memory database
// (readApp): no server needs to be running. Run after changing a route:
// `npm run generate:api -w @opsledger/web`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { readApp } from '../../server/src/platform/http/app-without-server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(here, '../src/api/schema.ts');

const document = await readApp((app) => app.swagger() as Parameters<typeof openapiTS>[0]);
const ast = await openapiTS(document, { alphabetize: true });
const header = '// Generated from GET /api/openapi.json by scripts/generate-api.ts. Do not edit by hand.\n\n';
fs.writeFileSync(target, header + astToString(ast));
// Formatted like the rest of the repository, so regenerating shows only real changes.
spawnSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
console.log(`wrote ${path.relative(process.cwd(), target)}`);
