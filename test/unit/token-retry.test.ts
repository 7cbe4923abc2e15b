import { isTransientTokenError, withTokenRetry, type TokenRetryPolicy } from '../../src/credentials/token-retry.js';

const report = () => {
  const lines: string[] = [];
  return { lines, reporter: { verbose: (m: string) => lines.push(m), warning() {}, debug() {}, information() {}, progress() {} } as any };
};
const policy: TokenRetryPolicy = { retries: 3, maxTotalMs: 10_000, maxDelayMs: 5000, minDelayMs: 1 };
const serverError = (fields: object) => Object.assign(new Error('server'), { name: 'ServerError' }, fields);

test('transient: 429/5xx, Entra transient codes, MSAL local throttle refusal; not: invalid_grant, MFA', () => {
  expect(isTransientTokenError(serverError({ status: 429, errorCode: 'temporarily_unavailable' }))).toBe(true);
  expect(isTransientTokenError(serverError({ errorCode: 'server_error' }))).toBe(true);
  expect(isTransientTokenError(serverError({ errorCode: '90055' }))).toBe(true);
  expect(isTransientTokenError(serverError({ errorCode: 'invalid_grant', errorNo: '50076' }))).toBe(false);
  expect(isTransientTokenError(serverError({ errorCode: 'invalid_client', status: 401 }))).toBe(false);
});

test("waits what Retry-After asks, logs each retry, and returns the later success", async () => {
  const { lines, reporter } = report();
  const waits: number[] = [];
  let calls = 0;
  const result = await withTokenRetry(
    async () => {
      calls += 1;
      if (calls < 3) throw serverError({ status: 429, errorCode: 'temporarily_unavailable' });
      return 'ok';
    },
    { what: 'Getting a token', report: reporter, signal: new AbortController().signal, retryAfterMs: () => 1200, policy, sleep: async (ms) => void waits.push(ms) },
  );
  expect(result).toBe('ok');
  expect(waits).toEqual([1200, 1200]);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain('HTTP 429; retrying (attempt 2 of 4) after 1.2 s');
});

test('a non-transient error is thrown at once, as it was; retries stop at the count and at the time bound', async () => {
  const fatal = serverError({ errorCode: 'invalid_grant' });
  let calls = 0;
  const o = { what: 'x', report: report().reporter, signal: new AbortController().signal, retryAfterMs: () => null, policy, sleep: async () => undefined };
  await expect(withTokenRetry(async () => ((calls += 1), Promise.reject(fatal)), o)).rejects.toBe(fatal);
  expect(calls).toBe(1);
  const busy = serverError({ status: 503 });
  calls = 0;
  await expect(withTokenRetry(async () => ((calls += 1), Promise.reject(busy)), o)).rejects.toBe(busy);
  expect(calls).toBe(4);
  calls = 0;
  await expect(withTokenRetry(async () => ((calls += 1), Promise.reject(busy)), { ...o, retryAfterMs: () => 60_000, policy: { ...policy, maxDelayMs: 60_000 } })).rejects.toBe(busy);
  expect(calls).toBe(1);
});

test('Ctrl+C stops the wait', async () => {
  const controller = new AbortController();
  const o = { what: 'x', report: report().reporter, signal: controller.signal, retryAfterMs: () => 3000, policy };
  const pending = withTokenRetry(async () => Promise.reject(serverError({ status: 429 })), o);
  setTimeout(() => controller.abort(new Error('cancelled')), 50);
  const started = Date.now();
  await expect(pending).rejects.toThrow('cancelled');
  expect(Date.now() - started).toBeLessThan(2500);
});
