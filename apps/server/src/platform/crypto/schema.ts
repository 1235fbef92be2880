// Row type of data_keys (migration 0008), merged into the one DB type.
import type { ColumnType, Generated } from 'kysely';

declare module '../../db/schema.ts' {
  interface DB {
    data_keys: DataKeysTable;
  }
}

export interface DataKeysTable {
  tenant_id: string;
  version: number;
  wrapped: string;
  master_id: string;
  created_at: Generated<Date>;
  rewrapped_at: ColumnType<Date | null, Date | undefined, Date>;
}
