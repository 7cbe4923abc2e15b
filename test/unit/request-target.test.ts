/**
 * The local cloud's request targets: paths normalised as before (repeated and trailing slashes,
 * escapes), and the one-target memo: a URL whose query hid nothing from the log is parsed once
 * and shared, one with anything redacted is parsed afresh every time and never kept.
 */
import { loggedQuery, parseTarget } from '../../src/emulator/request-target.js';

test('paths: as they came when plain, else collapsed and unescaped; not a path is undefined', () => {
  expect(parseTarget('/subscriptions?api-version=2022-12-01')).toMatchObject({ path: '/subscriptions', segments: ['subscriptions'] });
  expect(parseTarget('/')).toMatchObject({ path: '/', segments: [] });
  expect(parseTarget('//contoso//oauth2/v2.0/token/')).toMatchObject({ path: '/contoso/oauth2/v2.0/token', segments: ['contoso', 'oauth2', 'v2.0', 'token'] });
  expect(parseTarget('/a%20b/c')).toMatchObject({ path: '/a b/c', segments: ['a b', 'c'] });
  expect(parseTarget('/bad%zz')).toBeUndefined();
  expect(parseTarget('*')).toBeUndefined();
  expect(parseTarget('/x?a=1&b=2')!.query.get('b')).toBe('2');
});

test('a URL whose query hid nothing is parsed once; its log form comes with it', () => {
  const url = '/tenants?api-version=2020-01-01';
  const first = parseTarget(url)!;
  expect(loggedQuery(url, first)).toEqual({ 'api-version': '2020-01-01' });
  const again = parseTarget(url)!;
  expect(again).toBe(first);
  expect(loggedQuery(url, again)).toEqual({ 'api-version': '2020-01-01' });
});

test('a URL with anything redacted is never kept: each request parses it, and the memo keeps the last harmless one', () => {
  const harmless = '/tenants?api-version=2021-01-01';
  const kept = parseTarget(harmless)!;
  loggedQuery(harmless, kept);
  const secret = '/subscriptions?api-version=1&code=s3cret';
  const a = parseTarget(secret)!;
  expect(loggedQuery(secret, a)).toEqual({ 'api-version': '1', code: '[redacted]' });
  const b = parseTarget(secret)!;
  expect(b).not.toBe(a);
  expect(loggedQuery(secret, b)).toEqual({ 'api-version': '1', code: '[redacted]' });
  expect(parseTarget(harmless)).toBe(kept);
});
