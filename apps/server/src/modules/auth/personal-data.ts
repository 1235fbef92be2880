// Sessions are device records: which phone, scanner or browser a person signed in from, and where.
import { sql } from 'kysely';
import { definePersonalData, exportRows } from '../privacy/registry.ts';

definePersonalData({
  module: 'auth',
  tables: [
    {
      table: 'sessions',
      purpose: 'Each sign-in: the device and app it came from, its network address, when it ended.',
      subject: ['user_id'],
      personal: {
        device_type: { category: 'device', description: 'phone, scanner or browser' },
        os: { category: 'device', description: 'operating system' },
        os_version: { category: 'device', description: 'operating system version' },
        app_version: { category: 'device', description: 'app version' },
        user_agent: { category: 'device', description: 'browser user agent' },
        ip: { category: 'device', description: 'network address at sign-in' },
        created_at: { category: 'usage', description: 'when they signed in' },
      },
      retention: 'Deleted the `sessions` retention period after the session ended (default 90 days).',
      visibleTo: 'the person (their devices list); admins (`sessions.manage`)',
      onErasure: 'deleted with their refresh tokens',
    },
    {
      table: 'refresh_tokens',
      purpose: 'Hashes of the refresh tokens of a session.',
      subject: [],
      personal: {},
      retention: 'Deleted with their session.',
      visibleTo: 'nobody (hashes only)',
      onErasure: 'deleted',
    },
    {
      table: 'login_failures',
      purpose: 'Failed sign-ins, keyed by a hash of workspace and email or of the network address.',
      subject: [],
      personal: { key: { category: 'usage', description: 'hash of the email or address that failed' } },
      retention: 'Pruned after the sign-in throttle window (15 minutes by default).',
      visibleTo: 'nobody',
      onErasure: 'not linked to an account; expires by itself within the throttle window',
    },
  ],
  async export(tx, subject) {
    const rows = await sql<Record<string, unknown>>`
      select id, created_at as "createdAt", last_refreshed_at as "lastRefreshedAt", expires_at as "expiresAt",
             revoked_at as "revokedAt", revoked_reason as "revokedReason", mfa, device_type as "deviceType", os,
             os_version as "osVersion", app_version as "appVersion", user_agent as "userAgent", ip
      from sessions where tenant_id = ${subject.tenantId} and user_id = ${subject.userId}
      order by created_at`.execute(tx);
    return [
      {
        name: 'sessions_and_devices',
        category: 'device',
        description: 'Every sign-in: device, app, network address, when it started and ended.',
        rows: exportRows(rows.rows),
      },
    ];
  },
  async erase(tx, subject) {
    const tokens = await sql`delete from refresh_tokens r using sessions s
      where r.tenant_id = s.tenant_id and r.session_id = s.id
        and s.tenant_id = ${subject.tenantId} and s.user_id = ${subject.userId}`.execute(tx);
    const sessions = await sql`delete from sessions
      where tenant_id = ${subject.tenantId} and user_id = ${subject.userId}`.execute(tx);
    return {
      refresh_tokens: Number(tokens.numAffectedRows ?? 0),
      sessions: Number(sessions.numAffectedRows ?? 0),
    };
  },
});
