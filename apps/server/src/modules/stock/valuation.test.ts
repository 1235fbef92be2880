// Valuation worked examples, checked to the cent (and to the 4 places money is kept in): FIFO layers
// and moving average across several receipts at different costs, partial issues, waste, counts,
// moves between internal locations and reversals. Every step checks the movement's value and the
// item's valuation afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Response, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';

interface Movement {
  id: string;
  type: string;
  qty: string;
  from: string;
  to: string;
  unitCost?: string | null;
  value?: string;
  reversalOf: string | null;
}

interface Valuation {
  sku: string;
  method: string;
  qty: string;
  value: string;
  unitCost: string | null;
}

interface Problem {
  code: string;
}

let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  for (const [code, kind] of [
    ['STORE', 'store'],
    ['FLOOR', 'floor'],
  ] as const) {
    const res = await t.post('/api/v1/locations', { code, name: code, kind }, ws.admin.token);
    expect(res.status, res.text).toBe(201);
  }
});
afterAll(() => t.close());

let counter = 0;
async function newItem(costMethod: 'fifo' | 'average', extra: Record<string, unknown> = {}): Promise<string> {
  counter += 1;
  const sku = `VAL-${costMethod}-${counter}`;
  const res = await t.post(
    '/api/v1/items',
    { sku, name: sku, uom: 'pcs', costMethod, ...extra },
    ws.admin.token,
  );
  expect(res.status, res.text).toBe(201);
  return sku;
}

async function book(body: Record<string, unknown>): Promise<Movement> {
  const res = await t.post<Movement>('/api/v1/movements', body, ws.admin.token);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const receive = (sku: string, qty: string | number, unitCost: string | number, to = 'STORE') =>
  book({ type: 'receive', sku, qty, unitCost, to });
const waste = (sku: string, qty: string | number, from = 'STORE') =>
  book({ type: 'waste', sku, qty, from, reason: 'damaged' });
const move = (sku: string, qty: string | number, from = 'STORE', to = 'FLOOR') =>
  book({ type: 'move', sku, qty, from, to });
const count = (sku: string, location: string, countedQty: string | number) =>
  book({ type: 'adjust', sku, location, countedQty, reason: 'count' });

async function reverse(id: string): Promise<Movement> {
  const res = await t.post<Movement>(`/api/v1/movements/${id}/reverse`, {}, ws.admin.token);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function valuation(sku: string): Promise<Pick<Valuation, 'qty' | 'value' | 'unitCost'>> {
  const res = await t.get<Valuation>(`/api/v1/valuation?sku=${sku}`, ws.admin.token);
  expect(res.status, res.text).toBe(200);
  return { qty: res.body.qty, value: res.body.value, unitCost: res.body.unitCost };
}

function problemOf(res: Response<unknown>): Problem {
  return res.body as Problem;
}

describe('valuation report', () => {
  it('reports sku, method, quantity, value and unit cost over all internal locations', async () => {
    const sku = await newItem('average');
    await receive(sku, 4, '2.5');
    await receive(sku, 2, '4', 'FLOOR');
    const res = await t.get<Valuation>(`/api/v1/valuation?sku=${sku}`, ws.admin.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sku, method: 'average', qty: '6', value: '18', unitCost: '3' });
    // Without ?sku= the answer is every item and the total: both shapes survive serialisation.
    const all = await t.get<{ data: Valuation[]; totalValue: string }>('/api/v1/valuation', ws.admin.token);
    expect(all.body).toMatchObject({
      data: expect.arrayContaining([
        { sku, itemId: expect.any(String), method: 'average', qty: '6', value: '18', unitCost: '3' },
      ]),
      totalValue: expect.stringMatching(/^\d+(\.\d+)?$/),
    });
  });

  it('gives the unit cost to 4 places and none for an item with no stock', async () => {
    const sku = await newItem('average');
    expect(await valuation(sku)).toEqual({ qty: '0', value: '0', unitCost: null });
    await receive(sku, 3, 1);
    await receive(sku, 3, 2);
    await receive(sku, 1, 3);
    // 3 + 6 + 3 = 12 over 7 units = 1.714285… → 1.7143
    expect(await valuation(sku)).toEqual({ qty: '7', value: '12', unitCost: '1.7143' });
  });

  it('answers 422 unknown_sku for a SKU that does not exist', async () => {
    const res = await t.get('/api/v1/valuation?sku=NOPE', ws.admin.token);
    expect(res.status).toBe(422);
    expect(problemOf(res).code).toBe('unknown_sku');
  });
});

describe('cost belongs to the item across locations', () => {
  it('does not change value or unit cost when stock moves from store to floor', async () => {
    for (const method of ['fifo', 'average'] as const) {
      const sku = await newItem(method);
      await receive(sku, 10, 5);
      await receive(sku, 10, 6);
      const before = await valuation(sku);
      const m = await move(sku, 7);
      expect({ value: m.value, unitCost: m.unitCost }).toEqual({ value: '0', unitCost: null });
      expect(await valuation(sku)).toEqual(before);
      expect(before).toEqual({ qty: '20', value: '110', unitCost: '5.5' });
    }
  });

  it('takes FIFO cost from the oldest layer whichever location the stock is taken from', async () => {
    const sku = await newItem('fifo');
    await receive(sku, 10, 5, 'STORE');
    await receive(sku, 10, 6, 'FLOOR');
    const w = await waste(sku, 5, 'FLOOR');
    expect(w.value).toBe('25');
    expect(await valuation(sku)).toEqual({ qty: '15', value: '85', unitCost: '5.6667' });
  });
});

describe('FIFO', () => {
  it('values 10 @ 5 and 10 @ 6 then a waste of 15 at 80, and its reversal puts the units back in their layers', async () => {
    const sku = await newItem('fifo');
    expect((await receive(sku, 10, '5.00')).value).toBe('50');
    expect((await receive(sku, 10, '6.00')).value).toBe('60');
    const w = await waste(sku, 15);
    expect(w.value).toBe('80');
    expect(await valuation(sku)).toEqual({ qty: '5', value: '30', unitCost: '6' });

    const r = await reverse(w.id);
    expect({ value: r.value, qty: r.qty, from: r.from, to: r.to }).toEqual({
      value: '80',
      qty: '15',
      from: 'SCRAP',
      to: 'STORE',
    });
    expect(await valuation(sku)).toEqual({ qty: '20', value: '110', unitCost: '5.5' });
    // The 10 restored to the first layer leave first again, at 5.00.
    expect((await waste(sku, 10)).value).toBe('50');
    expect(await valuation(sku)).toEqual({ qty: '10', value: '60', unitCost: '6' });
  });

  it('works through odd costs, partial issues, a move, a count-down, a reversal and a count-up to the cent', async () => {
    const sku = await newItem('fifo');
    expect((await receive(sku, 7, '2.15')).value).toBe('15.05');
    expect((await receive(sku, 4, '3.10')).value).toBe('12.4');
    expect((await receive(sku, 5, '1.99')).value).toBe('9.95');
    expect(await valuation(sku)).toEqual({ qty: '16', value: '37.4', unitCost: '2.3375' });

    // 7 × 2.15 + 2 × 3.10
    const w1 = await waste(sku, 9);
    expect({ value: w1.value, unitCost: w1.unitCost }).toEqual({ value: '21.25', unitCost: '2.361111' });
    expect(await valuation(sku)).toEqual({ qty: '7', value: '16.15', unitCost: '2.3071' });

    // STORE 7 → 4, FLOOR 3; no value moves.
    expect((await move(sku, 3)).value).toBe('0');
    expect(await valuation(sku)).toEqual({ qty: '7', value: '16.15', unitCost: '2.3071' });

    // Count the floor at 1: 2 leave at cost, the rest of the 3.10 layer.
    const c1 = await count(sku, 'FLOOR', 1);
    expect({ qty: c1.qty, to: c1.to, value: c1.value }).toEqual({ qty: '2', to: 'ADJUSTMENT', value: '6.2' });
    expect(await valuation(sku)).toEqual({ qty: '5', value: '9.95', unitCost: '1.99' });

    // Reversing the first waste brings back exactly 21.25: 7 into the 2.15 layer, 2 into the 3.10 layer.
    const r1 = await reverse(w1.id);
    expect(r1.value).toBe('21.25');
    expect(await valuation(sku)).toEqual({ qty: '14', value: '31.2', unitCost: '2.2286' });

    // STORE holds 4 + 9 = 13. Waste 8: 7 × 2.15 + 1 × 3.10.
    expect((await waste(sku, 8)).value).toBe('18.15');
    expect(await valuation(sku)).toEqual({ qty: '6', value: '13.05', unitCost: '2.175' });

    // Count STORE (5) at 6: one unit enters at the current unit cost 13.05 / 6 = 2.175.
    const c2 = await count(sku, 'STORE', 6);
    expect({ qty: c2.qty, from: c2.from, unitCost: c2.unitCost, value: c2.value }).toEqual({
      qty: '1',
      from: 'ADJUSTMENT',
      unitCost: '2.175',
      value: '2.175',
    });
    expect(await valuation(sku)).toEqual({ qty: '7', value: '15.225', unitCost: '2.175' });

    // Waste all of STORE (6): 1 × 3.10 + 5 × 1.99, then FLOOR's last unit takes what is left.
    expect((await waste(sku, 6)).value).toBe('13.05');
    expect((await waste(sku, 1, 'FLOOR')).value).toBe('2.175');
    expect(await valuation(sku)).toEqual({ qty: '0', value: '0', unitCost: null });
  });

  it('restores a partially consumed issue into its original layers, oldest first', async () => {
    const sku = await newItem('fifo');
    await receive(sku, 3, '1.11');
    await receive(sku, 3, '2.22');
    await receive(sku, 3, '3.33');
    const w1 = await waste(sku, 4); // 3 × 1.11 + 1 × 2.22
    expect(w1.value).toBe('5.55');
    const w2 = await waste(sku, 3); // 2 × 2.22 + 1 × 3.33
    expect(w2.value).toBe('7.77');
    expect((await reverse(w1.id)).value).toBe('5.55');
    expect(await valuation(sku)).toEqual({ qty: '6', value: '12.21', unitCost: '2.035' });
    // Oldest first again: 3 × 1.11, then 1 × 2.22 + 1 × 3.33, then the last 3.33.
    expect((await waste(sku, 3)).value).toBe('3.33');
    expect((await waste(sku, 2)).value).toBe('5.55');
    expect((await waste(sku, 1)).value).toBe('3.33');
    expect(await valuation(sku)).toEqual({ qty: '0', value: '0', unitCost: null });
  });

  it('reverses an untouched receipt and drops its layer', async () => {
    const sku = await newItem('fifo');
    await receive(sku, 2, '1.25');
    const second = await receive(sku, 3, '4.75');
    expect((await reverse(second.id)).value).toBe('14.25');
    expect(await valuation(sku)).toEqual({ qty: '2', value: '2.5', unitCost: '1.25' });
    await receive(sku, 2, '9');
    // The reversed layer is gone: 2 × 1.25 + 1 × 9.
    expect((await waste(sku, 3)).value).toBe('11.5');
    expect(await valuation(sku)).toEqual({ qty: '1', value: '9', unitCost: '9' });
  });

  it('refuses to reverse a receipt once its layer was consumed, leaving value untouched', async () => {
    const sku = await newItem('fifo');
    const first = await receive(sku, 10, 5);
    await receive(sku, 10, 6);
    await waste(sku, 1);
    const before = await valuation(sku);
    const res = await t.post(`/api/v1/movements/${first.id}/reverse`, {}, ws.admin.token);
    expect(res.status).toBe(409);
    expect(problemOf(res).code).toBe('receipt_consumed');
    expect(await valuation(sku)).toEqual(before);
    expect(before).toEqual({ qty: '19', value: '105', unitCost: '5.5263' });
  });
});

describe('moving average', () => {
  it('averages 10 @ 5 and 10 @ 6 at 5.5, issues at the average, and the last units take all remaining value', async () => {
    const sku = await newItem('average');
    await receive(sku, 10, 5);
    await receive(sku, 10, 6);
    expect(await valuation(sku)).toEqual({ qty: '20', value: '110', unitCost: '5.5' });
    expect((await waste(sku, 5)).value).toBe('27.5');
    expect(await valuation(sku)).toEqual({ qty: '15', value: '82.5', unitCost: '5.5' });
    await receive(sku, 5, 7);
    expect(await valuation(sku)).toEqual({ qty: '20', value: '117.5', unitCost: '5.875' });
    expect((await waste(sku, 20)).value).toBe('117.5');
    expect(await valuation(sku)).toEqual({ qty: '0', value: '0', unitCost: null });
  });

  it('works through 3 @ 10 and 1 @ 1, partial issues, a move, a count-down and its reversal to the cent', async () => {
    const sku = await newItem('average');
    await receive(sku, 3, '10.00');
    await receive(sku, 1, '1.00');
    expect(await valuation(sku)).toEqual({ qty: '4', value: '31', unitCost: '7.75' });

    const w1 = await waste(sku, 1);
    expect({ value: w1.value, unitCost: w1.unitCost }).toEqual({ value: '7.75', unitCost: '7.75' });
    expect(await valuation(sku)).toEqual({ qty: '3', value: '23.25', unitCost: '7.75' });

    expect((await move(sku, 2)).value).toBe('0');
    const c1 = await count(sku, 'FLOOR', 1);
    expect({ qty: c1.qty, value: c1.value }).toEqual({ qty: '1', value: '7.75' });
    expect(await valuation(sku)).toEqual({ qty: '2', value: '15.5', unitCost: '7.75' });

    expect((await reverse(c1.id)).value).toBe('7.75');
    expect(await valuation(sku)).toEqual({ qty: '3', value: '23.25', unitCost: '7.75' });

    // 2 @ 3.3333 = 6.6666 → 5 units worth 29.9166.
    await receive(sku, 2, '3.3333');
    expect(await valuation(sku)).toEqual({ qty: '5', value: '29.9166', unitCost: '5.9833' });
    // 29.9166 × 2 / 5 = 11.96664 → 11.9666
    expect((await waste(sku, 2)).value).toBe('11.9666');
    expect(await valuation(sku)).toEqual({ qty: '3', value: '17.95', unitCost: '5.9833' });
    // STORE has 1, FLOOR 2.
    expect((await waste(sku, 1)).value).toBe('5.9833');
    expect((await waste(sku, 2, 'FLOOR')).value).toBe('11.9667');
    expect(await valuation(sku)).toEqual({ qty: '0', value: '0', unitCost: null });
  });

  it('issues 3 @ 1.00 one at a time at 1.00 each', async () => {
    const sku = await newItem('average');
    await receive(sku, 3, '1.00');
    const values = [];
    for (let i = 0; i < 3; i++) values.push((await waste(sku, 1)).value);
    expect(values).toEqual(['1', '1', '1']);
    expect(await valuation(sku)).toEqual({ qty: '0', value: '0', unitCost: null });
  });

  it('splits 10.00 over 3 units into thirds that add back to exactly 10.00', async () => {
    const sku = await newItem('average');
    await receive(sku, 1, '3.00');
    await receive(sku, 2, '3.50');
    expect(await valuation(sku)).toEqual({ qty: '3', value: '10', unitCost: '3.3333' });
    const values = [];
    for (let i = 0; i < 3; i++) values.push((await waste(sku, 1)).value);
    expect(values).toEqual(['3.3333', '3.3334', '3.3333']);
    expect(await valuation(sku)).toEqual({ qty: '0', value: '0', unitCost: null });
  });

  it('carries a box price of 1.00 for 3 pieces as a third per piece and empties to zero', async () => {
    const sku = await newItem('average', { units: [{ uom: 'box', factor: 3 }] });
    const r = await book({ type: 'receive', sku, qty: 1, uom: 'box', unitCost: '1.00', to: 'STORE' });
    expect({ qty: r.qty, unitCost: r.unitCost, value: r.value }).toEqual({
      qty: '3',
      unitCost: '0.333333',
      value: '1',
    });
    const values = [];
    for (let i = 0; i < 3; i++) values.push((await waste(sku, 1)).value);
    expect(values).toEqual(['0.3333', '0.3334', '0.3333']);
    expect(await valuation(sku)).toEqual({ qty: '0', value: '0', unitCost: null });
  });

  it('enters a count-up at the current average and reverses it exactly', async () => {
    const sku = await newItem('average');
    await receive(sku, 2, '1.10');
    await receive(sku, 1, '2.35');
    // 4.55 over 3 units = 1.516666…
    const up = await count(sku, 'STORE', 4);
    expect({ qty: up.qty, unitCost: up.unitCost, value: up.value }).toEqual({
      qty: '1',
      unitCost: '1.516667',
      value: '1.5167',
    });
    expect(await valuation(sku)).toEqual({ qty: '4', value: '6.0667', unitCost: '1.5167' });
    expect((await reverse(up.id)).value).toBe('1.5167');
    expect(await valuation(sku)).toEqual({ qty: '3', value: '4.55', unitCost: '1.5167' });
  });
});
