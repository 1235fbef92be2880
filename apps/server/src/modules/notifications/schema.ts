// Row types of the notification tables (migration 0008), merged into the one DB type.
import type { ColumnType, Generated } from 'kysely';

declare module '../../db/schema.ts' {
  interface DB {
    notification_preferences: NotificationPreferencesTable;
    notifications: NotificationsTable;
    email_outbox: EmailOutboxTable;
  }
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface NotificationPreferencesTable {
  tenant_id: string;
  user_id: string;
  category: string;
  in_app: boolean;
  email: boolean;
  updated_at: Generated<Date>;
}

export interface NotificationsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  category: string;
  kind: string;
  title: string;
  body: string;
  data: Json;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
}

export interface EmailOutboxTable {
  tenant_id: string;
  id: string;
  user_id: string;
  category: string;
  kind: string;
  subject: string;
  body: string;
  status: Generated<'pending' | 'sent' | 'skipped' | 'failed'>;
  attempts: Generated<number>;
  lease_until: Timestamp | null;
  leased_by: string | null;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
}
