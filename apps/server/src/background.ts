// Work the server does on its own: sealing the audit chain and pruning old sign-in failures.
// Safe with several server processes: sealing takes a per-workspace row lock and skips locked ones.
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from './deps.ts';
import { startMailSender } from './modules/notifications/loop.ts';
import { PrivacyJobs } from './modules/privacy/jobs.ts';
import { sealAll } from './platform/audit/chain.ts';
import { pruneFailures } from './platform/auth/throttle.ts';

export function startBackgroundJobs(deps: AppDeps, log: FastifyBaseLogger): () => Promise<void> {
  // The outbox sender has its own interval (MAIL_SEND_INTERVAL_MS) and runs only with SMTP_URL.
  const stopMail = startMailSender(deps, log);
  if (deps.config.auditSealIntervalMs === 0) return stopMail;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let ticks = 0;
  const privacy = new PrivacyJobs(deps);
  const tick = async () => {
    try {
      await sealAll(deps.db);
      // Pending exports every few seconds; each workspace's retention once a day, under a lease.
      await privacy.tick();
      // About once a minute.
      if (++ticks % Math.max(1, Math.round(60_000 / deps.config.auditSealIntervalMs)) === 0) {
        await pruneFailures(deps.db, deps.config.loginThrottle);
      }
    } catch (err) {
      if (!stopped) log.error({ err }, 'background job failed');
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, deps.config.auditSealIntervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    await stopMail();
  };
}
