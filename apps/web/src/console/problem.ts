// The server answers every error as RFC 9457 problem+json with a stable `code`. Forms need to put
// each message beside the field it is about, so this module turns a problem into per-field errors.

export interface ProblemDetail {
  path?: string;
  field?: string;
  line?: number;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: ProblemDetail[];
  [extra: string]: unknown;
}

export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { title?: unknown }).title === 'string' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}

export type FieldErrors = Record<string, string>;

/**
 * Codes whose problem is about one field although the server names no path (409 `sku_taken`…).
 * Forms pass their own extra mapping for codes specific to them.
 */
const fieldOfCode: Record<string, string> = {
  sku_taken: 'sku',
  email_taken: 'email',
  barcode_taken: 'barcodes',
  unknown_sku: 'sku',
  unknown_role: 'roles',
  role_key_taken: 'key',
  unknown_permission: 'permissions',
  location_code_taken: 'code',
  unknown_parent_location: 'parent',
  location_cycle: 'parent',
  work_center_code_taken: 'code',
  unknown_work_center: 'workCenter',
  unknown_location: 'location',
  unknown_unit: 'uom',
  unknown_lot: 'lot',
  missing_lot: 'lot',
  insufficient_stock: 'qty',
  exceeds_available: 'goodQty',
  unknown_reason: 'reason',
  weak_password: 'password',
  wrong_current_password: 'currentPassword',
  invalid_bom: 'components',
  invalid_routing: 'steps',
  no_active_routing: 'sku',
};

/** `/components/0/qty` → `components.0.qty`; `/body/name` → `name`. */
function fieldOfPath(path: string): string {
  return path
    .replace(/^\/(body|querystring|params)\//, '/')
    .replace(/^\//, '')
    .replaceAll('/', '.');
}

/** Per-field messages from a problem; `_form` holds what belongs to no field. */
export function fieldErrorsOf(error: unknown, extra: Record<string, string> = {}): FieldErrors {
  if (!(error instanceof ProblemError)) {
    return { _form: error instanceof Error ? error.message : 'Something went wrong. Try again.' };
  }
  const { problem } = error;
  const out: FieldErrors = {};
  for (const detail of problem.errors ?? []) {
    if (detail.line !== undefined) continue; // CSV row errors are shown as a table, not on a field
    const field = detail.field ?? (detail.path ? fieldOfPath(detail.path) : '');
    if (field && !out[field]) out[field] = detail.message;
  }
  const mapped = problem.code ? (extra[problem.code] ?? fieldOfCode[problem.code]) : undefined;
  if (mapped && !out[mapped]) out[mapped] = problem.detail ?? problem.title;
  if (Object.keys(out).length === 0) out._form = problem.detail ?? problem.title;
  return out;
}

export function messageOf(error: unknown): string {
  if (error instanceof ProblemError) return error.problem.detail ?? error.problem.title;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
