// The outbox sender as a background loop (see background.ts for the pattern). Runs in every server
// process when SMTP_URL is set; leases keep the processes from sending the same mail.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { type Mailer, smtpMailer } from './mailer.ts';
import { sendPendingMail } from './sender.ts';

export function startMailSender(
  deps: AppDeps,
  log: FastifyBaseLogger,
  mailer: Mailer | undefined = deps.config.smtpUrl ? smtpMailer(deps.config.smtpUrl) : undefined,
): () => Promise<void> {
  const interval = deps.config.mailSendIntervalMs;
  if (!mailer || interval === 0) return async () => {};
  const workerId = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const options = {
    workerId,
    from: deps.config.mailFrom,
    publicUrl: deps.config.publicUrl ?? `http://localhost:${deps.config.port}`,
  };
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      // Keep going while full batches come back, so a burst drains without waiting for the timer.
      for (;;) {
        const report = await sendPendingMail(deps.db, mailer, options);
        if (report.sent + report.skipped + report.failed < 20 || stopped) break;
      }
    } catch (err) {
      if (!stopped) log.error({ err }, 'mail sender failed');
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, interval);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    mailer.close();
  };
}
