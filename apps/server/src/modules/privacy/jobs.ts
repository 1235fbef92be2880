// The privacy module's share of the background loop (background.ts): pick up exports left pending
// (e.g. by a process that stopped after the request committed), and run retention where due.
import type { AppDeps } from '../../deps.ts';
import { buildPendingExports } from './export.ts';
import { runDueRetention } from './retention.ts';

const EXPORT_SWEEP_MS = 2_000;
// Each workspace runs once a day (its lease row records when); checking often is cheap.
const RETENTION_CHECK_MS = 60_000;

export class PrivacyJobs {
  private lastExportSweep = 0;
  private lastRetentionCheck = 0;
  constructor(private readonly deps: AppDeps) {}

  async tick(now = Date.now()): Promise<void> {
    if (now - this.lastExportSweep >= EXPORT_SWEEP_MS) {
      this.lastExportSweep = now;
      await buildPendingExports(this.deps.db);
    }
    if (now - this.lastRetentionCheck >= RETENTION_CHECK_MS) {
      this.lastRetentionCheck = now;
      await runDueRetention(this.deps.db);
    }
  }
}
