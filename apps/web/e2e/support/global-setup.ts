// Before the browser tests: the web app must be built (the server serves apps/web/dist).
import { ensureWebBuilt } from '../../scripts/ensure-built.ts';

export default async function setup(): Promise<void> {
  await ensureWebBuilt();
}
