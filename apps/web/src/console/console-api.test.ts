// The console's API client without a browser: following a cursor-paged list to its last page.
import { describe, expect, it } from 'vitest';
import { ConsoleApi } from './console-api.ts';

describe('reading every page of a list', () => {
  it('follows nextCursor until it is null, keeping the query, and returns every row in order', async () => {
    const pages: Record<string, { data: number[]; nextCursor: string | null }> = {
      '': { data: [1, 2], nextCursor: 'c1' },
      c1: { data: [3, 4], nextCursor: 'c2' },
      c2: { data: [5], nextCursor: null },
    };
    const asked: string[] = [];
    const api = new ConsoleApi(async (path) => {
      asked.push(path);
      const cursor = new URL(path, 'http://console.test').searchParams.get('cursor') ?? '';
      return new Response(JSON.stringify(pages[cursor]), {
        headers: { 'content-type': 'application/json' },
      });
    });
    expect(await api.getAllPages<number>('/work-centers', { limit: 2 })).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([
      '/api/v1/work-centers?limit=2',
      '/api/v1/work-centers?limit=2&cursor=c1',
      '/api/v1/work-centers?limit=2&cursor=c2',
    ]);
  });

  it('fails as a whole when a later page fails', async () => {
    let calls = 0;
    const api = new ConsoleApi(async () => {
      calls += 1;
      return calls === 1
        ? new Response(JSON.stringify({ data: [1], nextCursor: 'c1' }))
        : new Response(JSON.stringify({ title: 'Bad cursor', status: 400, code: 'validation_failed' }), {
            status: 400,
            headers: { 'content-type': 'application/problem+json' },
          });
    });
    await expect(api.getAllPages('/work-centers')).rejects.toMatchObject({ status: 400 });
  });
});
