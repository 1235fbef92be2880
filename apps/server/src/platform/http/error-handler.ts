// Turns every failure into problem+json with a stable code: our own Problems as declared, schema
// validation into 400 validation_failed with JSON-pointer field paths, framework errors (bad JSON,
// oversized body) into their codes, and anything unexpected into a generic 500 — never a stack
// trace or SQL text. Refusals are logged (ASVS 16.3) with who and what, never with secrets.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FieldError, Problem, problem } from '../errors.ts';

function fieldErrors(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const missing = typeof params.missingProperty === 'string' ? `/${params.missingProperty}` : '';
    const extra = typeof params.additionalProperty === 'string' ? `/${params.additionalProperty}` : '';
    // Body fields are named from the body's root (/email); query and path fields keep their part (/querystring/limit).
    const context =
      error.validationContext && error.validationContext !== 'body' ? `/${error.validationContext}` : '';
    return { path: `${context}${v.instancePath}${missing}${extra}`, message: v.message ?? 'is not valid' };
  });
}

function toProblem(error: FastifyError | Problem): Problem {
  if (error instanceof Problem) return error;
  if (error.validation) {
    const errors = fieldErrors(error);
    return problem('validation_failed', errors.map((e) => `${e.path || '/'} ${e.message}`).join('; '), {
      errors,
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('malformed_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem('unsupported_media_type');
  }
  // Only the body parser's own failures are the client's bad JSON; a SyntaxError anywhere else is ours.
  if (error instanceof SyntaxError && error.statusCode === 400) return problem('malformed_json');
  if (error.statusCode === 429) return problem('rate_limited');
  if (error.statusCode === 405) return problem('method_not_allowed');
  return problem('internal_error');
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  for (const [name, value] of Object.entries(p.headers)) reply.header(name, value);
  return reply.code(p.status).type('application/problem+json').send(p.toJSON());
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Problem, request: FastifyRequest, reply: FastifyReply) => {
    const p = toProblem(error);
    if (p.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else if (
      p.status === 401 ||
      p.status === 403 ||
      p.status === 400 ||
      p.status === 422 ||
      p.status === 429
    ) {
      request.log.warn(
        {
          event: 'request_refused',
          code: p.code,
          status: p.status,
          userId: request.ctx?.actor.userId ?? null,
          route: request.routeOptions.url,
        },
        `refused: ${p.code}`,
      );
    }
    return sendProblem(reply, p);
  });
  // Deny by default: an operation we do not define is refused, not discovered (ASVS 8.2.1).
  app.setNotFoundHandler((request, reply) => {
    request.log.warn({ event: 'request_refused', code: 'forbidden', url: request.url }, 'unknown route');
    return sendProblem(reply, problem('forbidden', 'No such operation.'));
  });
}
