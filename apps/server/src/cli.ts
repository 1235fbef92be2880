// The `opsledger` command: serve, migrate, create workspaces and users, verify the audit chain,
// export checkpoints, rotate signing keys. Prints one JSON object per command on stdout.
import { sendToAdminSocket } from './cli/admin-socket.ts';
import { type CliArgs, COMMANDS } from './cli/commands.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/engine.ts';
import { migrate } from './db/migrate.ts';
import { KeyStore } from './platform/auth/keys.ts';
import { encryptExistingData, openKeyring } from './platform/crypto/startup.ts';
import { startServer } from './server.ts';

function usage(): string {
  return [
    'usage: opsledger <command>',
    '  serve',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  ].join('\n');
}

/** `a b --key value --other=value` → positionals and string options (every option takes a value). */
function parseCommandLine(argv: string[]): { positionals: string[]; options: CliArgs } {
  const positionals: string[] = [];
  const options: CliArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) options[arg.slice(2, eq)] = arg.slice(eq + 1);
    else options[arg.slice(2)] = argv[++i];
  }
  return { positionals, options };
}

async function main(argv: string[]): Promise<number> {
  const { positionals, options: args } = parseCommandLine(argv);
  const config = loadConfig();
  if (positionals[0] === 'serve') {
    await startServer(config);
    return -1;
  }
  const name = positionals.slice(0, 2).join(' ');
  const command = COMMANDS[name] ? name : COMMANDS[positionals[0] ?? ''] ? positionals[0]! : undefined;
  if (!command) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }

  let outcome: { ok: boolean; result?: unknown; error?: { code?: string; message: string } } | undefined;
  if (!config.databaseUrl) outcome = await sendToAdminSocket(config.dataDir, command, args);
  if (!outcome) {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: 4,
    });
    try {
      await migrate(database);
      // The master key opens data keys (new workspaces get one) and the sealed signing keys.
      await encryptExistingData(database.db, openKeyring(config));
      const keys = new KeyStore(database.db);
      await keys.init();
      const result = await COMMANDS[command]!.run(
        {
          database,
          keys,
          activationTtlSeconds: config.activationTtlSeconds,
          accessTokenTtlSeconds: config.accessTokenTtlSeconds,
        },
        args,
      );
      outcome = { ok: true, result };
    } catch (error) {
      const e = error as { code?: string; message: string };
      outcome = { ok: false, error: { ...(e.code ? { code: e.code } : {}), message: e.message } };
    } finally {
      await database.close();
    }
  }
  if (!outcome.ok) {
    process.stderr.write(`${JSON.stringify({ error: outcome.error })}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(outcome.result)}\n`);
  const verified = outcome.result as { ok?: unknown };
  return command === 'audit verify' && verified.ok === false ? 1 : 0;
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
