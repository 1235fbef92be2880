// What every module is given at start-up. Built once in buildApp (or by the CLI) and passed down
// explicitly; nothing is reached through globals.
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/engine.ts';
import type { DB } from './db/schema.ts';
import type { KeyStore } from './platform/auth/keys.ts';
import type { TokenSettings } from './platform/auth/tokens.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  keys: KeyStore;
  tokens: TokenSettings;
}
