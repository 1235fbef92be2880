// Errors the API answered with (RFC 9457 problem+json), and failures to reach it at all. Screens
// tell the two apart: a refusal is shown to the operator; a network failure sends a scan to the
// offline queue.

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: ProblemBody;
  constructor(status: number, body: ProblemBody) {
    super(body.detail ?? body.title ?? `Request failed (${status})`);
    this.status = status;
    this.code = body.code ?? 'unknown_error';
    this.body = body;
  }
}

/** The request never got an answer: offline, DNS, connection reset, aborted. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('No connection to the server', { cause });
  }
}

export async function problemOf(response: Response): Promise<ApiError> {
  let body: ProblemBody = {};
  try {
    body = (await response.json()) as ProblemBody;
  } catch {
    body = { title: response.statusText };
  }
  return new ApiError(response.status, body);
}

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError;
}
