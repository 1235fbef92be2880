// Authentication and authorization for every route. Each route must declare, in its config,
// either `public: true` or the `permission` it needs ('authenticated' for any signed-in user);
// registering a route without one throws at start-up, so nothing is left unguarded by accident.
// Requests are checked here, before any handler runs: token, live session, then permission.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestContext } from '../context.ts';
import { problem } from '../errors.ts';
import { isPermission } from '../rbac/permissions.ts';
import type { KeyStore } from './keys.ts';
import type { SessionStates } from './session-state.ts';
import { type TokenSettings, verifyAccessToken } from './tokens.ts';

export const AUTHENTICATED = 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A permission key, or 'authenticated' for anything a signed-in user may do. */
    permission?: string;
    public?: boolean;
    /** Allowed while a temporary password must still be changed (me, password change, logout). */
    allowPasswordChangePending?: boolean;
    /** Allowed while an admin must still set up 2FA (me, 2FA setup, logout). */
    allowMfaEnrollmentPending?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export interface GuardedRoute {
  method: string;
  url: string;
  permission: string | undefined;
  public: boolean;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
  return match?.[1];
}

export function registerGuard(
  app: FastifyInstance,
  deps: { sessionStates: SessionStates; keys: KeyStore; tokens: TokenSettings },
): GuardedRoute[] {
  const routes: GuardedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { permission?: string; public?: boolean };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!config.public && !config.permission) {
      throw new Error(
        `route ${methods.join(',')} ${route.url} declares neither a permission nor public: true`,
      );
    }
    if (config.permission && config.permission !== AUTHENTICATED && !isPermission(config.permission)) {
      throw new Error(`route ${route.url} needs unknown permission ${config.permission}`);
    }
    for (const method of methods) {
      routes.push({ method, url: route.url, permission: config.permission, public: config.public === true });
    }
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);

  // onRequest: who is asking is settled before the body is parsed or validated, so an anonymous or
  // forged request learns nothing about a route's input rules. Unknown routes fall through to the
  // deny-by-default not-found handler.
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // CORS preflights carry no credentials; the CORS plugin answers them.
    if (config.public || request.is404 || request.method === 'OPTIONS') return;
    const token = bearerToken(request);
    if (!token) throw problem('unauthenticated');
    const claims = await verifyAccessToken(deps.keys, deps.tokens, token);
    if (!claims) throw problem('invalid_token');
    const state = await deps.sessionStates.load(claims);
    if (!state.alive) throw problem('session_revoked');
    request.ctx = {
      tenantId: claims.tenantId,
      actor: {
        kind: 'user',
        userId: claims.userId,
        sessionId: claims.sessionId,
        permissions: state.permissions,
      },
      requestId: request.id,
      ip: request.ip,
      device: state.device,
      userAgent: request.headers['user-agent'] ?? null,
    };
    if (state.passwordChangeRequired && !config.allowPasswordChangePending)
      throw problem('password_change_required');
    if (state.mfaEnrollmentRequired && !config.allowMfaEnrollmentPending)
      throw problem('mfa_enrollment_required');
    if (config.permission !== AUTHENTICATED && !state.permissions.has(config.permission ?? '')) {
      throw problem('forbidden', `This needs the ${config.permission} permission.`);
    }
  });
  return routes;
}

export function requirePermission(ctx: RequestContext, permission: string): void {
  if (!ctx.actor.permissions.has(permission))
    throw problem('forbidden', `This needs the ${permission} permission.`);
}
