// Notification categories and what each person gets by default. Security notices cannot be
// switched off: a sign-in from a new device or a changed password is exactly what someone whose
// account was taken over needs to hear about.
import type { Tx } from '../../db/tenant.ts';

export const CATEGORIES = {
  security: { locked: true, inApp: true, email: true },
  operations: { locked: false, inApp: true, email: false },
  announcements: { locked: false, inApp: true, email: true },
} as const;

export type Category = keyof typeof CATEGORIES;
export const CATEGORY_KEYS = Object.keys(CATEGORIES) as Category[];

export interface Preference {
  inApp: boolean;
  email: boolean;
  locked: boolean;
}

export function isCategory(value: string): value is Category {
  return Object.hasOwn(CATEGORIES, value);
}

/** Each person's effective preferences: stored choices over the defaults; locked categories always on. */
export async function preferencesOf(
  tx: Tx,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, Record<Category, Preference>>> {
  const rows = userIds.length
    ? await tx
        .selectFrom('notification_preferences')
        .select(['user_id', 'category', 'in_app', 'email'])
        .where('tenant_id', '=', tenantId)
        .where('user_id', 'in', userIds)
        .execute()
    : [];
  const result = new Map<string, Record<Category, Preference>>();
  for (const userId of userIds) {
    const prefs = {} as Record<Category, Preference>;
    for (const key of CATEGORY_KEYS) {
      const spec = CATEGORIES[key];
      const row = rows.find((r) => r.user_id === userId && r.category === key);
      prefs[key] = spec.locked
        ? { inApp: true, email: true, locked: true }
        : { inApp: row?.in_app ?? spec.inApp, email: row?.email ?? spec.email, locked: false };
    }
    result.set(userId, prefs);
  }
  return result;
}
