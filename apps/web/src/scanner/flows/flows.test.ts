import { describe, expect, it } from 'vitest';
import { allowedFlows } from './flows.ts';

describe('the flows a person is shown', () => {
  it('shows an operator every scanning flow', () => {
    const operator = [
      'items.read',
      'stock.read',
      'stock.receive',
      'stock.move',
      'stock.waste',
      'stock.adjust',
      'production.read',
      'production.record',
    ];
    expect(allowedFlows(operator).map((f) => f.path)).toEqual([
      'receive',
      'move',
      'waste',
      'count',
      'production',
      'lookup',
    ]);
  });

  it('shows only the flows whose permission the role has', () => {
    expect(allowedFlows(['items.read', 'stock.read', 'stock.move']).map((f) => f.path)).toEqual([
      'move',
      'lookup',
    ]);
    expect(allowedFlows(['stock.read']).map((f) => f.path)).toEqual([]);
  });
});
