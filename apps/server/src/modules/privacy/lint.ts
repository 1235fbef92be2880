// Holds the database catalog to the personal-data registry: every column whose name looks personal
// must be declared personal (with a category) or declared not personal (with a reason), and every
// declared table and column must exist. Run by a test on every migrated schema.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notPersonalDeclarations, personalDataDeclarations } from './registry.ts';

/**
 * Name fragments that suggest a column holds data about a person, or links a row to one. Matched
 * on whole underscore-separated words, so `ip` catches `ip` and `client_ip` but not `recipe`.
 */
const LOOKS_PERSONAL =
  /(^|_)(e?mail|phone|mobile|fax|name|address|street|postcode|zip|city|ip|device|birth|birthday|dob|user_agent|gender|nationality|ssn|passport|iban|salary|wage|note|notes|comment|user_id|actor_id|employee_id|person_id)(_|$)|_by$/;

export function looksPersonal(column: string): boolean {
  return LOOKS_PERSONAL.test(column);
}

export async function personalDataViolations(db: Kysely<DB>): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const existing = new Map<string, Set<string>>();
  for (const c of columns.rows) {
    if (!existing.has(c.table_name)) existing.set(c.table_name, new Set());
    existing.get(c.table_name)!.add(c.column_name);
  }

  const problems: string[] = [];
  const covered = new Map<string, string>(); // "table.column" → how it is declared
  const note = (table: string, column: string, how: string, module: string) => {
    const key = `${table}.${column}`;
    const before = covered.get(key);
    if (before) problems.push(`${key}: declared twice (${before}; ${how} in ${module})`);
    else covered.set(key, `${how} in ${module}`);
    if (!existing.get(table)?.has(column)) {
      problems.push(`${key}: declared ${how} in module ${module} but the column does not exist`);
    }
  };
  const tablesSeen = new Set<string>();
  for (const decl of personalDataDeclarations()) {
    for (const t of decl.tables) {
      if (tablesSeen.has(t.table)) problems.push(`${t.table}: declared personal twice`);
      tablesSeen.add(t.table);
      if (!existing.has(t.table)) {
        problems.push(`${t.table}: declared in module ${decl.module} but the table does not exist`);
        continue;
      }
      for (const c of t.subject) note(t.table, c, 'the subject link', decl.module);
      for (const c of Object.keys(t.personal)) note(t.table, c, 'personal', decl.module);
      for (const c of Object.keys(t.notPersonal ?? {})) note(t.table, c, 'not personal', decl.module);
    }
  }
  for (const np of notPersonalDeclarations()) {
    if (!existing.has(np.table)) {
      problems.push(`${np.table}: declared in module ${np.module} but the table does not exist`);
      continue;
    }
    for (const c of Object.keys(np.columns)) note(np.table, c, 'not personal', np.module);
  }

  for (const c of columns.rows) {
    if (c.table_name === 'schema_migrations') continue;
    if (looksPersonal(c.column_name) && !covered.has(`${c.table_name}.${c.column_name}`)) {
      problems.push(
        `${c.table_name}.${c.column_name}: looks personal but is not in the personal-data registry ` +
          `(declare it in the owning module's personal-data.ts, as personal or as not personal with a reason)`,
      );
    }
  }
  return problems;
}
