import { describe, expect, it } from 'vitest';
import { foreignOrigin } from './workspace.ts';

describe('workspace discovery', () => {
  const here = 'https://ops.example.com';
  it('stays on this deployment when the workspace lives here', () => {
    expect(
      foreignOrigin({ code: 'a', name: 'A', apiBaseUrl: 'https://ops.example.com/api/v1' }, here),
    ).toBeNull();
  });

  it('names the other deployment when apiBaseUrl points elsewhere', () => {
    expect(foreignOrigin({ code: 'a', name: 'A', apiBaseUrl: 'https://erp.acme.example/api/v1' }, here)).toBe(
      'https://erp.acme.example',
    );
  });
});
