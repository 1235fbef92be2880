// What notification tests read and set through the API: a person's notifications of one kind, the
// workspace's mail outbox of one kind, and a person's operations preference.
import { expect } from 'vitest';
import type { SignedIn, TestApp, TestWorkspace } from '../../testing/harness.ts';

export interface NotificationEntry {
  id: string;
  category: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

export interface OutboxMail {
  userId: string;
  category: string;
  kind: string;
  subject: string;
  body: string;
}

export async function notificationsOfKind(
  t: TestApp,
  person: SignedIn,
  kind: string,
): Promise<NotificationEntry[]> {
  const res = await t.get<{ data: NotificationEntry[] }>('/api/v1/notifications?limit=100', person.token);
  expect(res.status, res.text).toBe(200);
  return res.body.data.filter((n) => n.kind === kind);
}

/** The workspace's outbox, read by its admin. */
export async function outboxOfKind(t: TestApp, w: TestWorkspace, kind: string): Promise<OutboxMail[]> {
  const res = await t.get<{ data: OutboxMail[] }>('/api/v1/notifications/outbox?limit=100', w.admin.token);
  expect(res.status, res.text).toBe(200);
  return res.body.data.filter((m) => m.kind === kind);
}

export async function setOperationsPreference(
  t: TestApp,
  person: SignedIn,
  operations: { inApp?: boolean; email?: boolean },
): Promise<void> {
  const res = await t.request(
    'PUT',
    '/api/v1/me/notification-preferences',
    { categories: { operations } },
    { token: person.token },
  );
  expect(res.status, res.text).toBe(200);
}
