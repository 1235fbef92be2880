// The error catalogue: every error the API can answer is declared once here with its stable code,
// HTTP status and title. Code anywhere throws `problem('code', detail)`; the error handler turns it
// into RFC 9457 problem+json. Modules add their own codes with `defineErrors`.

export interface ErrorSpec {
  status: number;
  title: string;
}

const catalogue = new Map<string, ErrorSpec>();

export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, spec] of Object.entries(specs)) {
    const existing = catalogue.get(code);
    if (existing && (existing.status !== spec.status || existing.title !== spec.title)) {
      throw new Error(`error code ${code} declared twice with different meanings`);
    }
    catalogue.set(code, spec);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return catalogue.get(code);
}

export function allErrorCodes(): string[] {
  return [...catalogue.keys()].sort();
}

export interface FieldError {
  path: string;
  message: string;
}

export class Problem extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    const spec = catalogue.get(code);
    if (!spec) throw new Error(`undeclared error code: ${code}`);
    super(detail ?? spec.title);
    this.status = spec.status;
    this.title = spec.title;
  }

  toJSON(): Record<string, unknown> {
    return {
      type: `https://opsledger.dev/problems/${this.code.replaceAll('_', '-')}`,
      title: this.title,
      status: this.status,
      detail: this.detail ?? this.title,
      code: this.code,
      ...this.extra,
    };
  }
}

export function problem(
  code: string,
  detail?: string,
  extra?: Record<string, unknown>,
  headers?: Record<string, string>,
): Problem {
  return new Problem(code, detail, extra, headers);
}

export const platformErrors = defineErrors({
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  unauthenticated: { status: 401, title: 'Sign in required' },
  invalid_token: { status: 401, title: 'The access token is not valid' },
  session_revoked: { status: 401, title: 'The session has ended' },
  forbidden: { status: 403, title: 'You do not have permission for this' },
  permission_not_held: { status: 403, title: 'You cannot grant a permission you do not hold' },
  password_change_required: { status: 403, title: 'Change your temporary password first' },
  mfa_enrollment_required: { status: 403, title: 'Set up two-factor sign-in first' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  idempotency_key_reused: {
    status: 422,
    title: 'This Idempotency-Key was already used with a different request',
  },
  invalid_idempotency_key: { status: 400, title: 'The Idempotency-Key header is not valid' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Something went wrong on our side' },
  service_unavailable: { status: 503, title: 'The service is temporarily unavailable' },
});
