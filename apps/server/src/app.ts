// buildApp: the Fastify instance with every platform piece and module registered. Used by the
// server, the CLI's admin socket and every test (through app.inject or a real port).
import fs from 'node:fs';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { startBackgroundJobs } from './background.ts';
import type { Config } from './config.ts';
import type { Database } from './db/engine.ts';
import type { AppDeps } from './deps.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { itemRoutes } from './modules/items/routes.ts';
import { labelRoutes } from './modules/labels/routes.ts';
import { locationRoutes } from './modules/locations/routes.ts';
import { QUEUED_AT_HEADER, registerOfflineRefusalNotices } from './modules/notifications/offline-refusals.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { privacyRoutes } from './modules/privacy/routes.ts';
import { privacyPolicyRoutes } from './modules/privacy-policy/routes.ts';
import { productionRoutes } from './modules/production/routes.ts';
import { reasonRoutes } from './modules/reasons/routes.ts';
import { roleRoutes } from './modules/roles/routes.ts';
import { scanRoutes } from './modules/scan/routes.ts';
import { ChangeFeed } from './modules/stats/live.ts';
import { statsRoutes } from './modules/stats/routes.ts';
import { stockRoutes } from './modules/stock/routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { webRoutes } from './modules/web/routes.ts';
import { workspaceRoutes } from './modules/workspaces/routes.ts';
import { type GuardedRoute, registerGuard } from './platform/auth/guard.ts';
import { KeyStore } from './platform/auth/keys.ts';
import { SessionStates } from './platform/auth/session-state.ts';
import { encryptExistingData, openKeyring } from './platform/crypto/startup.ts';
import { problem } from './platform/errors.ts';
import { registerErrorHandling } from './platform/http/error-handler.ts';
import { ProblemSchema } from './platform/http/schemas.ts';
import { cspConnectSources, registerSecurityHeaders } from './platform/http/security-headers.ts';
import { registerValidation } from './platform/http/validation.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Pino options or stream for tests that read the logs. */
  logger?: FastifyServerOptions['logger'];
  keys?: KeyStore;
}

export interface OpsLedgerApp extends FastifyInstance {
  deps: AppDeps;
  routeTable: GuardedRoute[];
}

// Credentials and tokens never reach the logs (ASVS 16.2.5).
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
];

export async function buildApp(options: BuildOptions): Promise<OpsLedgerApp> {
  const { config, database } = options;
  // Before the key store: signing keys are sealed under the master key.
  const keyring = openKeyring(config);
  await encryptExistingData(database.db, keyring);
  const keys = options.keys ?? new KeyStore(database.db);
  await keys.init();
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    keys,
    tokens: { issuer: config.issuer, audience: config.audience, ttlSeconds: config.accessTokenTtlSeconds },
  };

  const https = config.tls
    ? {
        key: fs.readFileSync(config.tls.keyFile),
        cert: fs.readFileSync(config.tls.certFile),
        minVersion: 'TLSv1.2' as const,
      }
    : null;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, redact: { paths: LOG_REDACT, censor: '[redacted]' } },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    https,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as OpsLedgerApp;

  app.decorate('deps', deps);
  registerValidation(app);
  registerErrorHandling(app);
  if (keyring.generatedKeyFile) {
    app.log.warn(
      { keyFile: keyring.generatedKeyFile },
      'generated a master key file (0600) for encryption at rest: back it up apart from the database, or set OPSLEDGER_MASTER_KEY',
    );
  }
  registerSecurityHeaders(app, { hsts: Boolean(config.tls), connectSources: cspConnectSources(config) });
  app.addSchema(ProblemSchema);
  // Before the routes: a scan synced from a device's offline queue and refused tells its sender.
  registerOfflineRefusalNotices(app, deps.db);

  await app.register(cors, {
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', QUEUED_AT_HEADER],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      problem(
        'rate_limited',
        `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.`,
        {},
        { 'Retry-After': String(Math.ceil(context.ttl / 1000)) },
      ),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'OpsLedger API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
  });

  // The live change feed starts with the first stream client, in whichever process has one.
  let feedStarted: Promise<ChangeFeed> | undefined;
  const changeFeed = () => {
    feedStarted ??= (async () => {
      const feed = new ChangeFeed(database, app.log);
      await feed.start();
      return feed;
    })();
    return feedStarted;
  };

  // After the plugins above (CORS adds its own preflight route): every route from here on must
  // declare its permission.
  const sessionStates = new SessionStates(deps.db, database, config.sessionStateCacheMs);
  app.addHook('onClose', async () => sessionStates.close());
  const routeTable = registerGuard(app, { sessionStates, keys, tokens: deps.tokens });
  app.decorate('routeTable', routeTable);

  await app.register(systemRoutes(deps));
  await app.register(webRoutes());
  await app.register(
    async (api) => {
      await api.register(workspaceRoutes(deps));
      await api.register(authRoutes(deps));
      await api.register(userRoutes(deps));
      await api.register(roleRoutes(deps));
      await api.register(auditRoutes(deps));
      await api.register(itemRoutes(deps));
      await api.register(locationRoutes(deps));
      await api.register(stockRoutes(deps));
      await api.register(scanRoutes(deps));
      await api.register(reasonRoutes(deps));
      await api.register(productionRoutes(deps));
      await api.register(labelRoutes(deps));
      await api.register(statsRoutes(deps, changeFeed));
      await api.register(privacyRoutes(deps));
      await api.register(notificationRoutes(deps));
      await api.register(privacyPolicyRoutes(deps));
    },
    { prefix: '/api/v1' },
  );

  const stopJobs = startBackgroundJobs(deps, app.log);
  app.addHook('onClose', async () => {
    await stopJobs();
    await (await feedStarted)?.stop();
  });
  return app;
}
