// npm run docs:api — writes docs/api.md from the app's routes.
import fs from 'node:fs';
import { API_DOC_PATH, type OpenApiDocument, renderApiDoc } from './api-docs.ts';
import { readApp } from './app-without-server.ts';

const doc = await readApp((app) => renderApiDoc(app.swagger() as unknown as OpenApiDocument, app.routeTable));
fs.writeFileSync(API_DOC_PATH, doc);
process.stdout.write(`wrote ${API_DOC_PATH}\n`);
