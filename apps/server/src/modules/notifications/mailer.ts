// Email transport: SMTP through nodemailer when SMTP_URL is set. Without it there is no mailer and
// mail waits in the outbox, where admins can read it (GET /notifications/outbox).
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox row, so a receiving server can drop a redelivery after a crash. */
  messageId: string;
  headers: Record<string, string>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

// Every SMTP step gives up well inside the sender's 60-second lease, so a slow server can never
// keep a mail past its lease and let a second sender deliver it again.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport({ url, ...TIMEOUTS });
  return {
    async send(mail) {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        headers: mail.headers,
      });
    },
    close: () => transport.close(),
  };
}
