// Where the master key comes from. It never enters the database: OPSLEDGER_MASTER_KEY (base64 of
// 32 bytes), or a key file (OPSLEDGER_MASTER_KEY_FILE), or — on a first start with neither — a key
// file generated in the data folder with owner-only permissions. A key file holds one base64 key
// per line, newest last; older lines stay so data keys still wrapped under them can be unwrapped
// while `opsledger keys rotate-master` re-wraps them.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface MasterKeySource {
  /** Base64 of 32 bytes. */
  key?: string | undefined;
  /** Keys that may still wrap data keys during a rotation (base64, from the environment). */
  previous?: readonly string[] | undefined;
  file?: string | undefined;
  dataDir: string;
}

export interface MasterKeys {
  primaryId: string;
  keys: Map<string, Buffer>;
  /** The key file in use, when keys come from one (rotation appends to it). */
  file: string | undefined;
  /** Set when this start generated the key file (the caller logs it). */
  generated: boolean;
}

export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update('opsledger master key id').update(key).digest('hex').slice(0, 16);
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} must be base64 of exactly 32 bytes`);
  return key;
}

function fromList(list: Buffer[], file: string | undefined, generated: boolean): MasterKeys {
  const keys = new Map(list.map((k) => [masterKeyId(k), k]));
  return { primaryId: masterKeyId(list[list.length - 1]!), keys, file, generated };
}

export function readKeyFile(file: string): Buffer[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (!lines.length) throw new Error(`master key file ${file} holds no key`);
  return lines.map((l) => decodeKey(l, `each line of ${file}`));
}

/** Writes the key file atomically with owner-only permissions. */
export function writeKeyFile(file: string, keys: Buffer[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${keys.map((k) => k.toString('base64')).join('\n')}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function defaultKeyFile(dataDir: string): string {
  return path.join(dataDir, 'master.key');
}

export function loadMasterKeys(source: MasterKeySource): MasterKeys {
  if (source.key) {
    const previous = (source.previous ?? []).map((k) => decodeKey(k, 'OPSLEDGER_MASTER_KEY_PREVIOUS'));
    return fromList([...previous, decodeKey(source.key, 'OPSLEDGER_MASTER_KEY')], undefined, false);
  }
  if (source.file) return fromList(readKeyFile(source.file), source.file, false);
  const file = defaultKeyFile(source.dataDir);
  try {
    return fromList(readKeyFile(file), file, false);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(source.dataDir, { recursive: true });
  try {
    // 'wx': two processes starting at once cannot both create a key; the loser reads the winner's.
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return fromList(readKeyFile(file), file, true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fromList(readKeyFile(file), file, false);
  }
}
