/**
 * The local cloud's request log, kept as a ring of columns: entries read back as the objects they
 * were, numbering never restarts, the ring forgets the oldest beyond its capacity, `since` and
 * `limit` select as before, and the ids it makes itself are well-formed GUIDs unique in a run.
 */
import { RequestIds, RequestLog, hidesNothing, redactQuery, type LogRecord } from '../../src/emulator/log.js';

const at = Date.parse('2026-12-01T10:00:00.000Z');

function record(ids: RequestIds, n: number, extra: Partial<LogRecord> = {}): LogRecord {
  return {
    time: at + n,
    method: 'GET',
    path: `/subscriptions/${n % 3}`,
    query: redactQuery(new URLSearchParams('api-version=2022-12-01')),
    status: 200,
    ms: n / 100,
    traceId: ids.take(),
    correlationId: ids.take(),
    fields: { tenant: 't1', clientId: 'c1' },
    ...extra,
  };
}

test('entries read back with every field, numbered from 1, in order', () => {
  const ids = new RequestIds();
  const log = new RequestLog(8, ids);
  log.add(record(ids, 1));
  log.add(record(ids, 2, { method: 'POST', path: '/t/oauth2/v2.0/token', query: undefined, status: 400, correlationId: 'abc-123', fields: { grantType: 'password', user: 'alice@contoso', error: 'invalid_grant' } }));
  const [first, second] = log.list();
  expect(first).toEqual({ seq: 1, time: '2026-12-01T10:00:00.001Z', method: 'GET', path: '/subscriptions/1', query: { 'api-version': '2022-12-01' }, status: 200, ms: 0.01, traceId: expect.any(String), correlationId: expect.any(String), tenant: 't1', clientId: 'c1' });
  expect(second).toEqual({ seq: 2, time: '2026-12-01T10:00:00.002Z', method: 'POST', path: '/t/oauth2/v2.0/token', status: 400, ms: 0.02, traceId: expect.any(String), correlationId: 'abc-123', grantType: 'password', user: 'alice@contoso', error: 'invalid_grant' });
  expect('query' in second).toBe(false);
  expect(log.count).toBe(2);
});

test('the ring keeps the last `capacity` entries; since and limit select among them', () => {
  const ids = new RequestIds();
  const log = new RequestLog(5, ids);
  for (let n = 1; n <= 12; n++) log.add(record(ids, n));
  expect(log.list().map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
  expect(log.list(10).map((e) => e.seq)).toEqual([11, 12]);
  expect(log.list(0, 2).map((e) => e.seq)).toEqual([11, 12]);
  expect(log.list(0, 0).map((e) => e.seq)).toEqual([12]);
  expect(log.list(12)).toEqual([]);
  expect(log.list().map((e) => e.time)).toEqual([8, 9, 10, 11, 12].map((n) => new Date(at + n).toISOString()));
});

test('clear forgets the entries but not the numbering', () => {
  const ids = new RequestIds();
  const log = new RequestLog(4, ids);
  for (let n = 1; n <= 3; n++) log.add(record(ids, n));
  log.clear();
  expect(log.list()).toEqual([]);
  log.add(record(ids, 4));
  expect(log.list().map((e) => e.seq)).toEqual([4]);
  expect(log.count).toBe(4);
});

test('a query read back is a copy: changing it changes neither the log nor later entries', () => {
  const ids = new RequestIds();
  const log = new RequestLog(4, ids);
  log.add(record(ids, 1));
  log.add(record(ids, 2));
  const [a] = log.list();
  a.query!['api-version'] = 'changed';
  expect(log.list().map((e) => e.query)).toEqual([{ 'api-version': '2022-12-01' }, { 'api-version': '2022-12-01' }]);
});

test('queries are redacted by default and equal queries are one object', () => {
  const q = redactQuery(new URLSearchParams('api-version=1&code=s3cret&Client_Id=app'));
  expect(q).toEqual({ 'api-version': '1', code: '[redacted]', Client_Id: 'app' });
  expect(redactQuery(new URLSearchParams('api-version=1&code=other&Client_Id=app'))).toBe(q);
  expect(redactQuery(new URLSearchParams('api-version=1&code=s3cret&Client_Id=app2'))).not.toBe(q);
  // Lengths keep different splits of the same characters apart.
  expect(redactQuery(new URLSearchParams('ab=c'))).not.toBe(redactQuery(new URLSearchParams('a=bc')));
  expect(redactQuery(new URLSearchParams(''))).toBeUndefined();
});

test('ids the log makes are version-4 GUIDs, distinct, and read back as they were handed out', () => {
  const ids = new RequestIds();
  const log = new RequestLog(100, ids);
  const given: string[] = [];
  for (let n = 0; n < 50; n++) {
    const r = record(ids, n);
    given.push(ids.text(r.traceId), ids.text(r.correlationId));
    log.add(r);
  }
  for (const id of given) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(given).size).toBe(100);
  expect(log.list(0, 100).flatMap((e) => [e.traceId, e.correlationId])).toEqual(given);
  // Another process (another source) makes other ids.
  expect(new RequestIds().text(0)).not.toBe(ids.text(0));
});

test('a sink sees each entry as it is added; a failing sink changes nothing', () => {
  const ids = new RequestIds();
  const seen: object[] = [];
  const log = new RequestLog(4, ids, (line) => seen.push(line));
  log.add(record(ids, 1));
  expect(seen).toEqual(log.list());
  const failing = new RequestLog(4, ids, () => {
    throw new Error('disk full');
  });
  failing.add(record(ids, 2));
  expect(failing.list()).toHaveLength(1);
});

test('hidesNothing tells a query with nothing redacted (whose text may be remembered) from one that hid something', () => {
  expect(hidesNothing(redactQuery(new URLSearchParams('api-version=9&client_id=app')))).toBe(true);
  expect(hidesNothing(redactQuery(new URLSearchParams('api-version=9&code=s3cret')))).toBe(false);
  expect(hidesNothing(undefined)).toBe(true);
});
