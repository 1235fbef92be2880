// Environment → typed configuration. Every knob the server reads lives here, with its default,
// so a deployment's behaviour can be understood from one file.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Unset → embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Public base URL of this API, returned by workspace discovery. */
  publicUrl: string | undefined;
  /** JSON file mapping workspace codes to other backends' base URLs. */
  directoryFile: string | undefined;
  createDemoWorkspace: boolean;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  activationTtlSeconds: number;
  loginThrottle: { windowSeconds: number; perAccount: number; perAddress: number };
  corsOrigins: string[];
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  tls: { certFile: string; keyFile: string } | undefined;
  trustProxy: boolean | string;
  logLevel: string;
  /** Interval of the background audit sealer; 0 disables it (tests seal on demand). */
  auditSealIntervalMs: number;
  /** How long a process may keep a session's state between change signals (0: read every request). */
  sessionStateCacheMs: number;
  /** Master key for column encryption (base64 of 32 bytes); unset → key file. */
  masterKey: string | undefined;
  /** Older master keys still accepted while `keys rotate-master` re-wraps (base64, comma-separated). */
  previousMasterKeys: string[];
  /** Key file (one base64 key per line, newest last); unset → <dataDir>/master.key, made on first start. */
  masterKeyFile: string | undefined;
  /** smtp(s)://user:pass@host:port; unset → mail waits in the outbox for admins to read. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** How often the outbox sender looks for mail; 0 disables it. */
  mailSendIntervalMs: number;
  /** Extra origins the web app may connect to (CSP connect-src), besides its own. */
  cspConnectSources: string[];
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a non-negative integer, got "${value}"`);
  return n;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const tls = env.TLS_CERT && env.TLS_KEY ? { certFile: env.TLS_CERT, keyFile: env.TLS_KEY } : undefined;
  const trust = env.TRUST_PROXY;
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.OPSLEDGER_DATA_DIR ?? './data'),
    publicUrl: env.OPSLEDGER_PUBLIC_URL || undefined,
    directoryFile: env.OPSLEDGER_DIRECTORY || undefined,
    createDemoWorkspace: env.OPSLEDGER_DEMO !== '0',
    issuer: env.OPSLEDGER_ISSUER ?? 'opsledger',
    audience: 'opsledger-api',
    accessTokenTtlSeconds: int(env.ACCESS_TOKEN_TTL_SECONDS, 15 * 60),
    sessionIdleSeconds: int(env.SESSION_IDLE_SECONDS, 12 * 3600),
    sessionMaxSeconds: int(env.SESSION_MAX_SECONDS, 30 * 86400),
    activationTtlSeconds: 72 * 3600,
    loginThrottle: {
      windowSeconds: int(env.LOGIN_THROTTLE_WINDOW_SECONDS, 15 * 60),
      perAccount: int(env.LOGIN_THROTTLE_PER_ACCOUNT, 10),
      perAddress: int(env.LOGIN_THROTTLE_PER_ADDRESS, 30),
    },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1024 * 1024),
    rateLimitPerMinute: int(env.RATE_LIMIT_PER_MINUTE, 6000),
    tls,
    trustProxy: trust === undefined || trust === '' ? false : trust === 'true' ? true : trust,
    logLevel: env.LOG_LEVEL ?? 'info',
    auditSealIntervalMs: int(env.AUDIT_SEAL_INTERVAL_MS, 500),
    sessionStateCacheMs: int(env.SESSION_STATE_CACHE_MS, 1000),
    masterKey: env.OPSLEDGER_MASTER_KEY || undefined,
    previousMasterKeys: list(env.OPSLEDGER_MASTER_KEY_PREVIOUS),
    masterKeyFile: env.OPSLEDGER_MASTER_KEY_FILE || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'OpsLedger <no-reply@opsledger.invalid>',
    mailSendIntervalMs: int(env.MAIL_SEND_INTERVAL_MS, 2000),
    cspConnectSources: list(env.CSP_CONNECT_SRC),
    ...overrides,
  };
}
