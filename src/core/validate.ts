/**
 * Validation of a command's input against its JSON Schema (ajv). Every input, whether it came
 * from flags or from JSON, goes through here, and every rejection becomes one clear message
 * that names the parameter and what it accepts.
 */
import type { ErrorObject } from 'ajv';
import type { CommandDefinition, JsonSchema } from './command.js';
import { fail } from './errors.js';
import { toFlag } from './names.js';
import { loadValidator } from './validator-source.js';

export async function validateInput(def: CommandDefinition<any, any>, input: unknown): Promise<Record<string, unknown>> {
  const validate = await loadValidator(def);
  if (!validate(input)) throw fail.InvalidInput(describe(def, validate.errors?.[0]), { target: targetOf(validate.errors?.[0]) });
  const checked = input as Record<string, unknown>;
  def.validate?.(checked);
  return checked;
}

function targetOf(error: ErrorObject | undefined): string | null {
  if (!error) return null;
  if (error.keyword === 'additionalProperties') return String(error.params.additionalProperty);
  if (error.keyword === 'required') return String(error.params.missingProperty);
  const top = error.instancePath.split('/')[1];
  return top ? decodeURIComponent(top.replace(/~1/g, '/').replace(/~0/g, '~')) : null;
}

function label(name: string): string {
  return `${name} (--${toFlag(name)})`;
}

function describe(def: CommandDefinition<any, any>, error: ErrorObject | undefined): string {
  const command = def.name;
  if (!error) return `The input for ${command} is not valid.`;
  const target = targetOf(error);
  const schema = (target && def.input.properties[target]) as JsonSchema | undefined;
  const name = target ? label(target) : `The input for ${command}`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys(def.input.properties);
      return `${command} has no parameter named "${printable(String(error.params.additionalProperty))}". Its parameters are: ${known.join(', ') || '(none)'}. Run myaccount ${command} --help for details.`;
    }
    case 'required':
      return `${command} needs ${label(String(error.params.missingProperty))}. Run myaccount ${command} --help for details.`;
    case 'type':
      if (error.instancePath === '') return `The input for ${command} must be a JSON object of parameter names and values.`;
      return `${name} must be ${article(String(error.params.type))}.`;
    case 'enum':
      return `${name} must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}.`;
    case 'maxLength':
      return `${name} is too long: at most ${error.params.limit} characters are allowed.`;
    case 'minLength':
      return error.params.limit === 1 ? `${name} must not be empty.` : `${name} must have at least ${error.params.limit} characters.`;
    case 'pattern':
      return `${name} is not in the expected form${schema?.description ? ` (${schema.description.replace(/\.$/, '')})` : ''}; it may contain characters that are not allowed, such as control characters.`;
    case 'minimum':
    case 'maximum':
      return `${name} must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${error.params.limit}.`;
    case 'maxItems':
      return `${name} has too many items: at most ${error.params.limit}.`;
    case 'minProperties':
      return `${command} needs at least one parameter. Run myaccount ${command} --help for details.`;
    default:
      return `${name} is not valid: ${error.message ?? error.keyword}.`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = { string: 'a string', boolean: 'true or false', integer: 'a whole number', number: 'a number', object: 'an object', array: 'a list' };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}

/**
 * A whole number as text, the one form flags and MYACCOUNT_ variables accept: "8.0", "1e1" and
 * "0x8" are typos rather than numbers, and 15 digits stay exact in a double.
 */
export function isWholeNumberText(text: string): boolean {
  return /^-?\d{1,15}$/.test(text);
}

/** Names echoed back in errors are cut short and stripped of control characters. */
export function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 64)}…` : clean;
}
