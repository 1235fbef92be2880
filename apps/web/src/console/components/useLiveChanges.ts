// Follows GET /api/v1/stats/stream (server-sent events) with fetch streaming, because EventSource
// cannot send the bearer token. Calls `onChange` for every `changed` event; reconnects after a
// drop with Last-Event-ID so a change made while disconnected is reported at once.
import { useEffect, useRef, useState } from 'react';
import { useConsoleApi } from '../console-api.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** Splits an SSE text buffer into complete events and the unfinished rest. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const blocks = buffer.replaceAll('\r\n', '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    const event: SseEvent = { event: 'message', data: '' };
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.event = value;
      else if (field === 'data') event.data = event.data ? `${event.data}\n${value}` : value;
      else if (field === 'id') event.id = value;
    }
    events.push(event);
  }
  return { events, rest };
}

export function useLiveChanges(onChange: () => void, enabled = true): LiveState {
  const api = useConsoleApi();
  const [state, setState] = useState<LiveState>('connecting');
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let lastEventId: string | undefined;
    let attempt = 0;
    const run = async () => {
      while (!controller.signal.aborted) {
        try {
          const headers: Record<string, string> = { accept: 'text/event-stream' };
          if (lastEventId) headers['last-event-id'] = lastEventId;
          const response = await api.stream('/stats/stream', headers, controller.signal);
          const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
          if (!reader) throw new Error('no stream');
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            const parsed = parseSse(buffer);
            buffer = parsed.rest;
            for (const event of parsed.events) {
              if (event.id) lastEventId = event.id;
              if (event.event === 'ready') {
                attempt = 0;
                setState('live');
              } else if (event.event === 'changed') callback.current();
            }
          }
        } catch {
          if (controller.signal.aborted) return;
        }
        if (controller.signal.aborted) return;
        setState('reconnecting');
        attempt += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 15_000)));
      }
    };
    void run();
    return () => controller.abort();
  }, [api, enabled]);
  return state;
}
