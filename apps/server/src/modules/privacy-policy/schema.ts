// Row types of the privacy-policy tables (migration 0008), merged into the one DB type.
import type { ColumnType, Generated } from 'kysely';

declare module '../../db/schema.ts' {
  interface DB {
    privacy_policies: PrivacyPoliciesTable;
    privacy_policy_acknowledgements: PrivacyPolicyAcknowledgementsTable;
  }
}

export interface PrivacyPoliciesTable {
  tenant_id: string;
  version: number;
  text: string;
  /** A calendar date, read as text ('YYYY-MM-DD') so no time zone can shift it. */
  effective_date: ColumnType<string, string, string>;
  material: boolean;
  published_at: Generated<Date>;
  published_by: string | null;
}

export interface PrivacyPolicyAcknowledgementsTable {
  tenant_id: string;
  user_id: string;
  version: number;
  acknowledged_at: Generated<Date>;
}
