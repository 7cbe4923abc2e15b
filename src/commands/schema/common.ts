/** Schema pieces several commands share, so a rule is written once. */
import type { JsonSchema, ParameterMeta } from '../../core/command.js';

/** No control characters: they break terminals, logs and file names. */
export const SAFE_TEXT = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';
export { GUID_PATTERN as GUID } from '../../core/names.js';

export function text(description: string, meta: ParameterMeta = {}, maxLength = 256): JsonSchema {
  return { type: 'string', description, minLength: 1, maxLength, pattern: SAFE_TEXT, 'x-ps': meta };
}

export function flag(description: string, meta: ParameterMeta = {}): JsonSchema {
  return { type: 'boolean', description, 'x-ps': { switch: true, ...meta } };
}

export function scope(description: string, meta: ParameterMeta = {}): JsonSchema {
  return { type: 'string', enum: ['Process', 'CurrentUser'], description, 'x-ps': meta };
}

export const passThru = flag('Return the affected object (or true) instead of nothing.');

