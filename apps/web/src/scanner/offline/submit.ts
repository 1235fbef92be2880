// Booking a scan: sent at once when there is a connection, queued on the device when there is
// not (or when the request got no answer — it may or may not have arrived, and the idempotency key
// makes the retry safe either way). A refusal from the server is thrown for the screen to show.
import { requestJson } from '../../api/client.ts';
import { isNetworkError } from '../../api/problem.ts';
import { enqueue } from './queue.ts';
import { syncQueue } from './sync.ts';

export type Submitted<T> = { queued: false; data: T; replayed: boolean } | { queued: true };

export async function submitScan<T>(request: {
  path: string;
  body: Record<string, unknown>;
  label: string;
}): Promise<Submitted<T>> {
  const id = crypto.randomUUID();
  const queue = async (): Promise<Submitted<T>> => {
    await enqueue({ id, path: request.path, body: request.body, label: request.label });
    return { queued: true };
  };
  if (!navigator.onLine) return queue();
  try {
    const { data, response } = await requestJson<T>('POST', request.path, request.body, {
      'Idempotency-Key': id,
    });
    return { queued: false, data, replayed: response.headers.get('Idempotent-Replayed') === 'true' };
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    const result = await queue();
    void syncQueue();
    return result;
  }
}
