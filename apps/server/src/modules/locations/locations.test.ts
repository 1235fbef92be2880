// Locations through the HTTP API: internal store and floor locations, nesting (warehouse › zone ›
// bin), the five virtual locations every workspace has and may not change, retiring a location
// only once it is empty, and workspace isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Response,
  type SignedIn,
  startTestApp,
  type TestApp,
  type TestWorkspace,
} from '../../testing/harness.ts';

interface Location {
  id: string;
  code: string;
  name: string;
  kind: string;
  virtual: boolean;
  parentId: string | null;
  parent: string | null;
  path: string[];
  active: boolean;
}

interface Problem {
  code: string;
}

let t: TestApp;
let ws: TestWorkspace;
let operator: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  operator = await t.user(ws, ['operator']);
  const item = await t.post('/api/v1/items', { sku: 'LOC-ITEM', name: 'Thing', uom: 'pcs' }, ws.admin.token);
  expect(item.status, item.text).toBe(201);
});
afterAll(() => t.close());

let counter = 0;
function nextCode(prefix = 'L'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

function create(body: Record<string, unknown>, token = ws.admin.token) {
  return t.post<Location>('/api/v1/locations', body, token);
}

async function newLocation(kind: 'store' | 'floor' = 'store', parent?: string): Promise<Location> {
  const code = nextCode();
  const res = await create({ code, name: `Location ${code}`, kind, ...(parent ? { parent } : {}) });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function list(query = '', token = ws.admin.token): Promise<Location[]> {
  const res = await t.get<{ data: Location[] }>(`/api/v1/locations${query}`, token);
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

function patch(id: string, body: Record<string, unknown>, token = ws.admin.token) {
  return t.request<Location>('PATCH', `/api/v1/locations/${id}`, body, { token });
}

function retire(id: string, token = ws.admin.token) {
  return t.request<Location>('DELETE', `/api/v1/locations/${id}`, undefined, { token });
}

function post(body: Record<string, unknown>) {
  return t.post('/api/v1/movements', body, ws.admin.token);
}

function codeOf(res: Response<unknown>): string | undefined {
  return (res.body as Problem | null)?.code;
}

describe('creating locations', () => {
  it('creates a store location with a scannable code', async () => {
    const code = nextCode('STORE');
    const res = await create({ code, name: 'Main store', kind: 'store' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      code,
      name: 'Main store',
      kind: 'store',
      virtual: false,
      parent: null,
      parentId: null,
      path: [code],
      active: true,
    });
    expect((await list()).find((l) => l.code === code)?.id).toBe(res.body.id);
  });

  it('nests warehouse › zone › bin, listing the path root first', async () => {
    const wh = await newLocation('store');
    const zone = await newLocation('store', wh.code);
    const bin = await newLocation('floor', zone.code);
    expect(bin).toMatchObject({ parent: zone.code, parentId: zone.id, path: [wh.code, zone.code, bin.code] });
    const read = await t.get<Location>(`/api/v1/locations/${bin.id}`, ws.admin.token);
    expect(read.status).toBe(200);
    expect(read.body.path).toEqual([wh.code, zone.code, bin.code]);
  });

  it('refuses a code that is already taken with 409 location_code_taken', async () => {
    const loc = await newLocation();
    const res = await create({ code: loc.code, name: 'Again', kind: 'floor' });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('location_code_taken');
    expect((await list()).filter((l) => l.code === loc.code)).toHaveLength(1);
  });

  it('refuses a virtual location code such as SCRAP', async () => {
    const res = await create({ code: 'SCRAP', name: 'My scrap', kind: 'store' });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('location_code_taken');
  });

  it('refuses a parent that does not exist or is virtual (422 unknown_parent_location)', async () => {
    for (const parent of ['NO-SUCH-PARENT', 'SUPPLIER']) {
      const code = nextCode();
      const res = await create({ code, name: 'Orphan', kind: 'store', parent });
      expect(res.status).toBe(422);
      expect(codeOf(res)).toBe('unknown_parent_location');
      expect((await list('?includeInactive=true')).some((l) => l.code === code)).toBe(false);
    }
  });

  it.each([
    ['a virtual kind', { kind: 'scrap' }],
    ['a code with spaces', { code: 'BAD CODE' }],
  ])('refuses %s with 400 validation_failed', async (_label, change) => {
    const res = await create({ code: nextCode(), name: 'Bad', kind: 'store', ...change });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('validation_failed');
  });

  it('does not let an operator create locations', async () => {
    const code = nextCode();
    const res = await create({ code, name: 'Nope', kind: 'store' }, operator.token);
    expect(res.status).toBe(403);
    expect((await list()).some((l) => l.code === code)).toBe(false);
  });
});

describe('virtual locations', () => {
  it('lists the five virtual locations every workspace has, marked virtual', async () => {
    const all = await list('', operator.token);
    const virtual = all.filter((l) => l.virtual).map((l) => l.code);
    expect(virtual.sort()).toEqual(['ADJUSTMENT', 'CUSTOMER', 'PRODUCTION', 'SCRAP', 'SUPPLIER']);
    const fresh = await t.workspace();
    const theirs = await list('', fresh.admin.token);
    expect(theirs.map((l) => [l.code, l.virtual])).toEqual([
      ['ADJUSTMENT', true],
      ['CUSTOMER', true],
      ['PRODUCTION', true],
      ['SCRAP', true],
      ['SUPPLIER', true],
    ]);
  });

  it('refuses to rename, re-parent or retire a virtual location (409 virtual_location_locked)', async () => {
    const scrap = (await list()).find((l) => l.code === 'SCRAP')!;
    const parent = await newLocation();
    for (const res of [
      await patch(scrap.id, { name: 'Bin' }),
      await patch(scrap.id, { parent: parent.code }),
      await patch(scrap.id, { active: false }),
      await retire(scrap.id),
    ]) {
      expect(res.status).toBe(409);
      expect(codeOf(res)).toBe('virtual_location_locked');
    }
    expect((await list()).find((l) => l.code === 'SCRAP')).toEqual(scrap);
  });
});

describe('editing and retiring locations', () => {
  it('renames a location and moves it under another parent', async () => {
    const loc = await newLocation();
    const parent = await newLocation();
    const res = await patch(loc.id, { name: 'Renamed', parent: parent.code });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', parent: parent.code, path: [parent.code, loc.code] });
    const detached = await patch(loc.id, { parent: null });
    expect(detached.body).toMatchObject({ parent: null, path: [loc.code] });
  });

  it('refuses to make a location its own ancestor (422 location_cycle)', async () => {
    const wh = await newLocation();
    const zone = await newLocation('store', wh.code);
    const bin = await newLocation('store', zone.code);
    const res = await patch(wh.id, { parent: bin.code });
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('location_cycle');
    const self = await patch(zone.id, { parent: zone.code });
    expect(self.status).toBe(422);
    expect(codeOf(self)).toBe('location_cycle');
    const after = await t.get<Location>(`/api/v1/locations/${wh.id}`, ws.admin.token);
    expect(after.body).toMatchObject({ parent: null, path: [wh.code] });
  });

  it('refuses to retire a location that holds stock (409 location_not_empty)', async () => {
    const loc = await newLocation();
    const other = await newLocation();
    expect((await post({ type: 'receive', sku: 'LOC-ITEM', qty: 2, to: loc.code, unitCost: 1 })).status).toBe(
      201,
    );
    const res = await retire(loc.id);
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('location_not_empty');
    expect((await list()).find((l) => l.id === loc.id)?.active).toBe(true);

    // Once the stock has gone, it retires.
    expect(
      (await post({ type: 'move', sku: 'LOC-ITEM', qty: 2, from: loc.code, to: other.code })).status,
    ).toBe(201);
    const retired = await retire(loc.id);
    expect(retired.status, retired.text).toBe(200);
    expect(retired.body.active).toBe(false);
  });

  it('retires an empty location: it leaves the list unless inactive ones are asked for', async () => {
    const loc = await newLocation();
    const res = await retire(loc.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: loc.id, active: false });
    expect((await list()).some((l) => l.id === loc.id)).toBe(false);
    const all = await list('?includeInactive=true');
    expect(all.find((l) => l.id === loc.id)).toMatchObject({ code: loc.code, active: false });
  });

  it('refuses postings to an inactive location (422 location_inactive)', async () => {
    const loc = await newLocation();
    expect((await retire(loc.id)).status).toBe(200);
    const res = await post({ type: 'receive', sku: 'LOC-ITEM', qty: 1, to: loc.code, unitCost: 1 });
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('location_inactive');
    const stock = await t.get<{ data: unknown[] }>(`/api/v1/stock?location=${loc.code}`, ws.admin.token);
    expect(stock.body.data).toEqual([]);
  });

  it('reactivates a retired location', async () => {
    const loc = await newLocation();
    expect((await retire(loc.id)).status).toBe(200);
    const res = await patch(loc.id, { active: true });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(true);
    expect((await post({ type: 'receive', sku: 'LOC-ITEM', qty: 1, to: loc.code, unitCost: 1 })).status).toBe(
      201,
    );
  });

  it('does not let an operator retire a location', async () => {
    const loc = await newLocation();
    const res = await retire(loc.id, operator.token);
    expect(res.status).toBe(403);
    expect((await list()).some((l) => l.id === loc.id)).toBe(true);
  });
});

describe('workspace isolation', () => {
  it('answers 404 for another workspace’s location id and changes nothing', async () => {
    const loc = await newLocation();
    const other = await t.workspace();
    const read = await t.get(`/api/v1/locations/${loc.id}`, other.admin.token);
    expect(read.status).toBe(404);
    expect(codeOf(read)).toBe('location_not_found');
    expect((await patch(loc.id, { name: 'Hijacked' }, other.admin.token)).status).toBe(404);
    expect((await retire(loc.id, other.admin.token)).status).toBe(404);
    expect((await list('', other.admin.token)).some((l) => l.code === loc.code)).toBe(false);
    const mine = await t.get<Location>(`/api/v1/locations/${loc.id}`, ws.admin.token);
    expect(mine.body).toMatchObject({ name: loc.name, active: true });
  });

  it('lets another workspace use the same location code', async () => {
    const loc = await newLocation();
    const other = await t.workspace();
    const res = await create({ code: loc.code, name: 'Theirs', kind: 'floor' }, other.admin.token);
    expect(res.status, res.text).toBe(201);
  });
});
