// npm run docs:privacy — writes docs/privacy.md from the registry.
import fs from 'node:fs';
import path from 'node:path';
import { PRIVACY_DOC_PATH, renderPrivacyDoc } from './docs.ts';

fs.mkdirSync(path.dirname(PRIVACY_DOC_PATH), { recursive: true });
fs.writeFileSync(PRIVACY_DOC_PATH, renderPrivacyDoc());
process.stdout.write(`wrote ${PRIVACY_DOC_PATH}\n`);
