/**
 * Where compiled input validators come from. Here ajv compiles a command's schema on first use;
 * the production build swaps this module for one holding validators ajv generated ahead of time
 * from the same schemas and options (scripts/build.mjs), so the CLI starts without loading ajv.
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { CommandDefinition } from './command.js';

// x-ps carries PowerShell metadata; ajv only needs to know it is not a typo.
export const AJV_OPTIONS: Options = { allErrors: false, strict: true, keywords: ['x-ps'] };

let ajv: Ajv | undefined;
const cache = new Map<string, ValidateFunction>();

export async function loadValidator(def: CommandDefinition<any, any>): Promise<ValidateFunction> {
  let validate = cache.get(def.name);
  if (!validate) {
    ajv ??= new Ajv(AJV_OPTIONS);
    validate = ajv.compile(def.input);
    cache.set(def.name, validate);
  }
  return validate;
}

/** A JavaScript identifier for a command's precompiled validator. */
export function validatorKey(commandName: string): string {
  return `v_${commandName.replace(/[^A-Za-z0-9]/g, '_')}`;
}
