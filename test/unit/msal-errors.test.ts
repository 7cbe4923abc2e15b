import { entraReason, fromMsalError } from '../../src/credentials/msal-errors.js';

const wrapped = (description: string) => ({
  errorCode: 'invalid_client',
  errorMessage: `Error(s): 700024 - Timestamp: 2026-11-25 10:00:00Z - Description: ${description} - Correlation ID: 0b1c2d3e-0000-4000-8000-000000000001 - Trace ID: 9f8e7d6c-0000-4000-8000-000000000002`,
});

test("Entra's description and correlation id are kept; MSAL's wrapping is not", () => {
  expect(entraReason(wrapped('AADSTS700024: Client assertion is not within its valid time range.'))).toBe(
    'AADSTS700024: Client assertion is not within its valid time range. (correlation id 0b1c2d3e-0000-4000-8000-000000000001)',
  );
});

test('a plain message is its first line, without a trace id, and bounded', () => {
  expect(entraReason({ errorMessage: 'AADSTS50126: Invalid username or password.\nTrace ID: x' })).toBe('AADSTS50126: Invalid username or password.');
  expect(entraReason(new Error('x'.repeat(500))).length).toBeLessThanOrEqual(301);
});

test('MSAL codes map to exit codes people and scripts can act on', () => {
  expect(fromMsalError({ errorCode: 'device_code_polling_cancelled' }, { action: 'Signing in', authority: 'a' })).toMatchObject({ code: 'SignInCancelled', exitCode: 4 });
  expect(fromMsalError({ errorCode: 'endpoints_resolution_error' }, { action: 'Signing in', authority: 'a' })).toMatchObject({ code: 'AuthorityUnreachable', category: 'ConnectionError' });
  expect(fromMsalError({ name: 'InteractionRequiredAuthError', errorCode: 'interaction_required', errorMessage: 'AADSTS50076: MFA', claims: '{}' }, { action: 'Getting a token', authority: 'a', tenant: 't' })).toMatchObject({ code: 'MfaRequired', exitCode: 3 });
  expect(fromMsalError(wrapped('AADSTS7000215: Invalid client secret provided.'), { action: 'Signing in', authority: 'a' }).message).toContain('AADSTS7000215: Invalid client secret provided. (correlation id');
});
