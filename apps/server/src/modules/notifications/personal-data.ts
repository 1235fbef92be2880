// Notifications are addressed to a person; their preferences say how they want to be reached.
import { sql } from 'kysely';
import { definePersonalData, exportRows } from '../privacy/registry.ts';

definePersonalData({
  module: 'notifications',
  tables: [
    {
      table: 'notification_preferences',
      purpose: 'Per person and category: whether to notify in the app and by email.',
      subject: ['user_id'],
      personal: {
        in_app: { category: 'usage', description: 'in-app notifications wanted' },
        email: { category: 'usage', description: 'email notifications wanted (a switch, not an address)' },
      },
      retention: 'While the account exists.',
      visibleTo: 'the person',
      onErasure: 'deleted',
    },
    {
      table: 'notifications',
      purpose: 'The in-app notification centre.',
      subject: ['user_id'],
      personal: {
        title: { category: 'usage', description: 'what the notification said' },
        body: { category: 'usage', description: 'what the notification said' },
        data: { category: 'usage', description: 'links to what it was about' },
      },
      retention: 'While the account exists.',
      visibleTo: 'the person',
      onErasure: 'deleted; their name in notifications to others is replaced by the pseudonym',
    },
    {
      table: 'email_outbox',
      purpose: 'Email waiting to be sent, and a record of what was sent (the address is read at send time).',
      subject: ['user_id'],
      personal: {
        subject: { category: 'usage', description: 'the email subject' },
        body: { category: 'usage', description: 'the email text' },
      },
      notPersonal: { leased_by: 'the server process sending it' },
      retention: 'While the account exists.',
      visibleTo: 'the person; admins (the outbox when no SMTP server is set)',
      onErasure: 'deleted, so nothing is ever sent to an erased person',
    },
  ],
  async export(tx, subject) {
    const prefs = await sql<Record<string, unknown>>`
      select category, in_app as "inApp", email, updated_at as "updatedAt" from notification_preferences
      where tenant_id = ${subject.tenantId} and user_id = ${subject.userId} order by category`.execute(tx);
    const notes = await sql<Record<string, unknown>>`
      select id, category, kind, title, body, created_at as "createdAt", read_at as "readAt" from notifications
      where tenant_id = ${subject.tenantId} and user_id = ${subject.userId} order by id`.execute(tx);
    const mail = await sql<Record<string, unknown>>`
      select id, category, kind, subject, body, status, created_at as "createdAt", finished_at as "finishedAt"
      from email_outbox where tenant_id = ${subject.tenantId} and user_id = ${subject.userId} order by id`.execute(
      tx,
    );
    return [
      {
        name: 'notification_preferences',
        category: 'usage',
        description: 'How you chose to be notified, per category.',
        rows: exportRows(prefs.rows),
      },
      {
        name: 'notifications',
        category: 'usage',
        description: 'Your in-app notifications.',
        rows: exportRows(notes.rows),
      },
      {
        name: 'emails',
        category: 'usage',
        description: 'Email sent or waiting to be sent to you.',
        rows: exportRows(mail.rows),
      },
    ];
  },
  async erase(tx, subject) {
    const counts: Record<string, number> = {};
    for (const table of ['notification_preferences', 'notifications', 'email_outbox'] as const) {
      const r = await sql`delete from ${sql.table(table)}
        where tenant_id = ${subject.tenantId} and user_id = ${subject.userId}`.execute(tx);
      counts[table] = Number(r.numAffectedRows ?? 0);
    }
    // Messages to other people may name the person ("work order done by …"): the name becomes the
    // pseudonym there too.
    for (const [table, a, b] of [
      ['notifications', 'title', 'body'],
      ['email_outbox', 'subject', 'body'],
    ] as const) {
      const r = await sql`update ${sql.table(table)}
        set ${sql.ref(a)} = replace(${sql.ref(a)}, ${subject.name}, ${subject.pseudonym}),
            ${sql.ref(b)} = replace(${sql.ref(b)}, ${subject.name}, ${subject.pseudonym})
        where tenant_id = ${subject.tenantId}
          and (strpos(${sql.ref(a)}, ${subject.name}) > 0 or strpos(${sql.ref(b)}, ${subject.name}) > 0)`.execute(
        tx,
      );
      counts[`${table}_mentions`] = Number(r.numAffectedRows ?? 0);
    }
    return counts;
  },
});
