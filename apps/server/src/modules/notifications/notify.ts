// Raising a notification: called inside the transaction of the event it tells about, so the in-app
// entry and the outgoing mail exist exactly when the event does (a transactional outbox). Nothing
// is sent here; the sender (sender.ts) delivers committed mail and checks preferences again.
import { newId } from '../../db/ids.ts';
import type { Tx } from '../../db/tenant.ts';
import { type Category, preferencesOf } from './categories.ts';

export interface NotificationInput {
  tenantId: string;
  userIds: readonly string[];
  category: Category;
  /** Stable machine name, e.g. security.new_device. */
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
}

export async function notify(tx: Tx, input: NotificationInput): Promise<{ inApp: number; email: number }> {
  const userIds = [...new Set(input.userIds)];
  if (!userIds.length) return { inApp: 0, email: 0 };
  const prefs = await preferencesOf(tx, input.tenantId, userIds);
  const inApp = userIds.filter((u) => prefs.get(u)![input.category].inApp);
  const email = userIds.filter((u) => prefs.get(u)![input.category].email);
  if (inApp.length) {
    await tx
      .insertInto('notifications')
      .values(
        inApp.map((userId) => ({
          tenant_id: input.tenantId,
          id: newId(),
          user_id: userId,
          category: input.category,
          kind: input.kind,
          title: input.title,
          body: input.body,
          data: JSON.stringify(input.data ?? {}),
        })),
      )
      .execute();
  }
  if (email.length) {
    await tx
      .insertInto('email_outbox')
      .values(
        email.map((userId) => ({
          tenant_id: input.tenantId,
          id: newId(),
          user_id: userId,
          category: input.category,
          kind: input.kind,
          subject: input.title,
          body: input.body,
        })),
      )
      .execute();
  }
  return { inApp: inApp.length, email: email.length };
}
