/**
 * The seed schema's validator (seed-schema.ts). Here ajv compiles the schema on first use; the
 * build swaps this module for the standalone code ajv generated ahead of time from the same schema
 * and options (scripts/compile-validators.ts), so a local cloud starts without loading ajv's
 * compiler or compiling a schema (~90 ms of every start, measured here).
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';

export const SEED_AJV_OPTIONS: Options = { allErrors: false, strict: false };

let compiled: ValidateFunction | undefined;

/** The validator of `schema` (always the seed schema: the build's version was generated from it). */
export function seedValidator(schema: object): ValidateFunction {
  compiled ??= new Ajv(SEED_AJV_OPTIONS).compile(schema);
  return compiled;
}
