/**
 * Generates bad inputs for every command from its input schema. Each case is built to be invalid
 * (one deliberate defect in an otherwise well-formed input, or a malformed command line / JSON /
 * UTF-8 text), then checked against an independent oracle — the schema compiled here by ajv, the
 * command's own cross-field rule, and the documented handler-level input rules — and dropped if it
 * turns out valid by accident. What remains must all be rejected with exit 2.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { commands } from '../../src/commands/index.js';
import { endpointsFromInput } from '../../src/commands/schema/environment.js';
import type { CommandDefinition, JsonSchema } from '../../src/core/command.js';
import { MyAccountError } from '../../src/core/errors.js';
import { toFlag } from '../../src/core/names.js';
import { AJV_OPTIONS } from '../../src/core/validator-source.js';
import { ENVIRONMENT_FIELDS } from '../../src/profile/environment-types.js';
import { isBuiltIn } from '../../src/profile/environments.js';
import type { Rng } from './prng.js';

export type Via = 'inline' | 'stdin' | 'file' | 'flags';

export interface FuzzCase {
  id: number;
  command: string;
  via: Via;
  /** The defect this case was built around. */
  kind: string;
  /** CLI arguments; "@FILE@" stands for the path of `fileB64` written to disk. */
  argv: string[];
  stdinB64?: string;
  fileB64?: string;
  /** argv holds a NUL or a huge argument, which an exec'd process cannot receive: in-process only. */
  inProcessOnly?: boolean;
}

type Entries = [string, unknown][];
type Def = CommandDefinition<any, any>;

const GUID_SUB = '11111111-1111-4111-8111-111111111111';
const URL_FIELDS = new Set<string>(ENVIRONMENT_FIELDS.filter((f) => f.kind === 'url').map((f) => f.name));
const SUFFIX_FIELDS = new Set<string>(ENVIRONMENT_FIELDS.filter((f) => f.kind === 'suffix').map((f) => f.name));

const ajv = new Ajv(AJV_OPTIONS);
const oracles = new Map<string, ValidateFunction>();
function oracle(def: Def): ValidateFunction {
  if (!oracles.has(def.name)) oracles.set(def.name, ajv.compile(def.input));
  return oracles.get(def.name)!;
}

const flagOf = (name: string, schema: JsonSchema): string => schema['x-ps']?.flag ?? toFlag(name);
const isSwitch = (schema: JsonSchema): boolean => !!schema['x-ps']?.switch;
const typeOf = (schema: JsonSchema): string => (Array.isArray(schema.type) ? schema.type[0] : (schema.type ?? 'string'));

/** A value the schema accepts, for the properties a base input carries. */
function validValue(name: string, schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (typeOf(schema) === 'boolean') return true;
  if (typeOf(schema) === 'integer') return schema.minimum ?? 1;
  if (schema.pattern?.includes('[0-9a-fA-F]{8}')) return GUID_SUB;
  if (URL_FIELDS.has(name) || name === 'ARMEndpoint') return 'https://management.fuzz.test/';
  if (SUFFIX_FIELDS.has(name)) return 'core.fuzz.test';
  if (name === 'Path') return '/nonexistent-fuzz-dir/settings.json';
  if (name === 'DefaultSubscriptionForLogin') return 'Fuzz Subscription';
  return 'Fuzz1';
}

/** Properties, beyond the required ones, that the command's own rule needs for a valid input. */
const RULE_EXTRAS: Record<string, string[]> = {
  'set-context': ['Subscription'],
  'update-config': ['EnableLoginByWam'],
  'add-environment': ['ActiveDirectoryAuthority', 'ResourceManagerUrl', 'ActiveDirectoryServiceEndpointResourceId'],
  'set-environment': ['ResourceManagerUrl'],
};

function baseEntries(def: Def, random: Rng): Entries {
  const props = def.input.properties;
  const names = new Set([...(def.input.required ?? []), ...(RULE_EXTRAS[def.name] ?? [])]);
  // Sometimes an optional property too, so defects meet fuller inputs. Never ARMEndpoint (network).
  const optional = Object.keys(props).filter((n) => !names.has(n) && n !== 'ARMEndpoint' && !(def.name === 'get-context' && n === 'ListAvailable'));
  if (optional.length && random.chance(0.5)) names.add(random.pick(optional));
  return [...names].map((n) => [n, validValue(n, props[n])]);
}

/** The oracle: is this JSON value rejected as input for the command? */
export function isInvalid(def: Def, input: unknown): boolean {
  if (!oracle(def)(input)) return true;
  const record = input as Record<string, unknown>;
  try {
    def.validate?.(record);
  } catch (error) {
    if (error instanceof MyAccountError && error.exitCode === 2) return true;
    throw error;
  }
  // Rules the handlers apply before touching state (exit 2), documented in their messages.
  if (['add-environment', 'set-environment', 'remove-environment'].includes(def.name) && isBuiltIn(String(record.Name))) return true;
  if (['add-environment', 'set-environment'].includes(def.name)) {
    try {
      endpointsFromInput(record);
    } catch (error) {
      if (error instanceof MyAccountError && error.exitCode === 2) return true;
      throw error;
    }
  }
  return false;
}

function jsonText(entries: Entries): string {
  // Built by hand: an object literal would turn a "__proto__" key into a prototype.
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
}

const CONTROL = [...Array.from({ length: 32 }, (_, i) => i), 0x7f, ...Array.from({ length: 32 }, (_, i) => 0x80 + i)].map((c) => String.fromCharCode(c));
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
const WRONG_FOR_STRING: unknown[] = [0, 123, -1.5, 1e308, true, false, null, [], ['Fuzz1'], {}, { a: 1 }, { __proto__: null }];
const WRONG_FOR_BOOLEAN: unknown[] = ['true', 'false', 1, 0, null, [], [true], {}, 'yes', ''];

function randomText(random: Rng, length: number): string {
  const pools = ['abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ' -_./:@()[]{}"\'\\`$&|;<>*?!#%^~+=,', 'äöüßéñ漢字🙂\u200b\u202e\uffff'];
  let out = '';
  while (out.length < length) {
    const pool = random.pick(pools);
    out += [...pool][random.int(0, [...pool].length - 1)];
  }
  return out;
}

function huge(random: Rng, min: number, max: number): string {
  const unit = random.pick(['x', 'ab', '漢', '🙂', 'a ']);
  return unit.repeat(Math.ceil(random.int(min, max) / unit.length));
}

/** Just outside the bounds, or text a lenient parser might take for a number (a flag's value is always text). */
function badInteger(schema: JsonSchema, random: Rng, forFlags: boolean): unknown {
  const outside = [(schema.minimum ?? 1) - 1, (schema.maximum ?? 1e15) + 1];
  const text = ['1.5', '8.0', '1e1', '0x8', ' 8', '8 ', '+8', '８', 'eight', '9'.repeat(16)];
  const json: unknown[] = [1.5, 1e308, '8', 8.25];
  const value = random.pick<unknown>([...outside, ...text, ...(forFlags ? [] : json)]);
  return forFlags ? String(value) : value;
}

/** One defect in the value of one property (a JSON value; strings also work as flags). */
function badValue(def: Def, name: string, random: Rng, forFlags: boolean): { value: unknown; kind: string } | null {
  const schema = def.input.properties[name];
  const type = typeOf(schema);
  if (!forFlags && random.chance(0.3)) {
    return { value: random.pick(type === 'boolean' ? WRONG_FOR_BOOLEAN : WRONG_FOR_STRING), kind: 'wrong-type' };
  }
  if (type === 'boolean') return forFlags ? null : { value: random.pick(WRONG_FOR_BOOLEAN), kind: 'wrong-type' };
  if (type === 'integer') return { value: badInteger(schema, random, forFlags), kind: 'bad-integer' };
  const good = String(validValue(name, schema));
  const choice = random.int(0, 4);
  if (choice === 0) {
    const c = random.pick(CONTROL);
    const at = random.int(1, good.length);
    return { value: good.slice(0, at) + c + good.slice(at), kind: 'control-character' };
  }
  if (choice === 1 && schema.maxLength !== undefined) {
    const limit = schema.maxLength;
    return { value: huge(random, limit + 1, forFlags ? Math.min(limit * 4, 100_000) : Math.max(limit * 4, random.pick([limit + 1, 200_000]))), kind: 'huge-string' };
  }
  if (choice === 2) return { value: '', kind: 'empty-string' };
  if (choice === 3 && schema.enum) return { value: random.pick([String(schema.enum[0]).toLowerCase(), `${schema.enum[0]} `, 'Everywhere', 'null', '*']), kind: 'enum' };
  if (schema.pattern && schema.pattern !== '^[^\\u0000-\\u001f\\u007f-\\u009f]*$') {
    return { value: random.pick(['has space', '.lead', 'a/b', 'née', 'a:b', 'Fuzz1\u00a0', '0000-not-a-guid']), kind: 'pattern' };
  }
  if (URL_FIELDS.has(name) || name === 'ARMEndpoint') {
    return { value: random.pick(['http://plain.fuzz.test/', 'not a url', 'https://user:pw@fuzz.test/', 'ftp://fuzz.test/', '//fuzz.test', 'javascript:alert(1)']), kind: 'bad-url' };
  }
  if (SUFFIX_FIELDS.has(name)) return { value: random.pick(['a..b', 'fuzz test', 'https://x.test', '-', '.']), kind: 'bad-suffix' };
  return { value: good + random.pick(CONTROL), kind: 'control-character' };
}

/** Command-level defects: the cross-field rules and handler rules, as JSON entries. */
function ruleViolation(def: Def, random: Rng): Entries | null {
  switch (def.name) {
    case 'set-context':
      return random.pick([[], [['Name', 'only-a-name']], [['Scope', 'Process']], [['Force', true]]] as Entries[]);
    case 'get-context':
      return [['Name', 'x'], ['ListAvailable', true]];
    case 'update-config':
      return random.pick([[], [['Scope', 'Process']], [['Scope', 'CurrentUser']]] as Entries[]);
    case 'set-environment':
      return [['Name', random.pick(['Fuzz1', 'AzureCloud'])]];
    case 'add-environment':
      return random.pick([
        [['Name', 'Fuzz1']],
        [['Name', 'Fuzz1'], ['ResourceManagerUrl', 'https://m.fuzz.test/']],
        [['Name', 'Fuzz1'], ['ARMEndpoint', 'https://m.fuzz.test/'], ['ResourceManagerUrl', 'https://m.fuzz.test/']],
        [['Name', random.pick(['AzureCloud', 'azurechinacloud', 'AZUREUSGOVERNMENT'])], ['ActiveDirectoryAuthority', 'https://l.fuzz.test/'], ['ResourceManagerUrl', 'https://m.fuzz.test/'], ['ActiveDirectoryServiceEndpointResourceId', 'https://m.fuzz.test/']],
      ] as Entries[]);
    case 'remove-environment':
      return [['Name', random.pick(['AzureCloud', 'AzureChinaCloud', 'azureusgovernment'])]];
    default:
      return null;
  }
}

function invalidJsonText(valid: string, random: Rng): string {
  switch (random.int(0, 11)) {
    case 0: return valid.slice(0, random.int(0, valid.length - 1));
    case 1: return valid.replace(/}$/, ',}');
    case 2: return valid.replace(/"/g, "'");
    case 3: return `${valid}}`;
    case 4: return `${valid} // comment`;
    case 5: return valid.replace(/^{/, '{/* c */');
    case 6: return valid.replace(/"([A-Za-z]+)":/, '$1:');
    case 7: return random.pick(['', '   ', '\n', '{', '}', '{"a":NaN}', '{"a":undefined}', '{"a":Infinity}', '[1,]', '{"a":01}', '{"a":"\\x41"}', 'nul', 'tru']);
    case 8: return `\uFEFF\uFEFF${valid}`;
    case 9: return valid.replace(/:/, '::');
    case 10: return `${valid}\u0000`;
    default: return valid.replace(/"([^"]*)"/, '"$1\n"'); // raw newline inside a string
  }
}

const BAD_UTF8: number[][] = [[0xff], [0xfe], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]];

function invalidUtf8(valid: string, random: Rng): Buffer {
  const bytes = Buffer.from(valid, 'utf8');
  const at = random.int(1, bytes.length - 1);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(random.pick(BAD_UTF8)), bytes.subarray(at)]);
}

function words(def: Def): string[] {
  return def.name.split(' ');
}

function flagArgs(def: Def, entries: Entries): string[] {
  const out: string[] = [];
  for (const [name, value] of entries) {
    const schema = def.input.properties[name];
    const flag = `--${flagOf(name, schema)}`;
    if (isSwitch(schema)) {
      if (value === true) out.push(flag);
    } else out.push(flag, String(value));
  }
  return out;
}

/** The input the CLI builds from flags made by flagArgs (every value a string, switches true). */
function flagsToInput(def: Def, entries: Entries): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const schema = def.input.properties[name];
    if (isSwitch(schema)) {
      if (value === true) input[name] = true;
    } else if (typeOf(schema) === 'boolean' && /^(\$?true|\$?false)$/i.test(String(value))) input[name] = /true/i.test(String(value));
    else if (typeOf(schema) === 'integer' && /^-?\d{1,15}$/.test(String(value))) input[name] = Number(value);
    else input[name] = String(value);
  }
  return input;
}

export interface Generated {
  cases: FuzzCase[];
  /** Cases that came out valid by accident and were dropped. */
  filtered: { command: string; kind: string; sample: string }[];
}

export function generateCases(total: number, random: Rng): Generated {
  const cases: FuzzCase[] = [];
  const filtered: Generated['filtered'] = [];
  // exec() refuses a NUL in an argument, and one argument over 128 KiB (Linux MAX_ARG_STRLEN).
  const execable = (argv: string[]): boolean => argv.every((a) => !a.includes('\u0000') && Buffer.byteLength(a) < 100_000);
  const add = (c: Omit<FuzzCase, 'id'>): void => void cases.push({ id: cases.length, ...c, ...(execable(c.argv) ? {} : { inProcessOnly: true }) });
  const drop = (command: string, kind: string, sample: unknown): void => void filtered.push({ command, kind, sample: JSON.stringify(sample).slice(0, 200) });

  while (cases.length < total) {
    for (const def of commands) {
      const props = Object.keys(def.input.properties);
      // Commands without parameters (emulator stop) still get unknown names thrown at them.
      const anyProp = (): string => (props.length > 0 ? random.pick(props) : 'Name');
      const via: Via = random.pick(['inline', 'stdin', 'file', 'flags', 'flags'] as const);
      const entries = baseEntries(def, random);
      if (via !== 'flags') {
        // A JSON document with one defect, or JSON/UTF-8 that is broken as text.
        let doc: Entries | null = entries.map(([k, v]) => [k, v]);
        let kind: string;
        let text: string | null = null;
        let bytes: Buffer | null = null;
        const pick = random.int(0, 9);
        if (pick <= 2 && props.length > 0) {
          const name = random.pick(props);
          const bad = badValue(def, name, random, false);
          if (!bad) continue;
          doc = doc.filter(([k]) => k !== name).concat([[name, bad.value]]);
          kind = bad.kind;
        } else if (pick === 3 && (def.input.required?.length ?? 0) > 0) {
          const missing = random.pick(def.input.required!);
          doc = doc.filter(([k]) => k !== missing);
          kind = 'missing-required';
        } else if (pick <= 4) {
          const key = random.pick([...PROTO_KEYS, ...PROTO_KEYS, anyProp().toLowerCase(), `${anyProp()} `, randomText(random, random.int(1, 20)), 'k'.repeat(5000), `Na\u0000me`]);
          const value = random.pick<unknown>(['x', 1, null, { polluted: true }, { Name: 'AzureCloud' }, [], { __proto__: { polluted: true } }]);
          doc = random.chance(0.5) ? [[key, value], ...doc] : [...doc, [key, value]];
          kind = PROTO_KEYS.includes(key) ? 'prototype-key' : 'unknown-field';
        } else if (pick === 5) {
          const violation = ruleViolation(def, random);
          if (!violation) continue;
          doc = violation;
          kind = 'rule';
        } else if (pick === 6) {
          text = random.pick(['[]', '[{}]', '1', '"get-context"', 'null', 'true', '-0', `[${jsonText(entries)}]`]);
          doc = null;
          kind = 'not-an-object';
        } else if (pick === 7) {
          text = invalidJsonText(jsonText(entries), random);
          doc = null;
          kind = 'invalid-json';
        } else if (pick === 8 && via !== 'inline') {
          bytes = invalidUtf8(jsonText(entries), random);
          doc = null;
          kind = 'invalid-utf8';
        } else if (pick === 9 && via === 'stdin' && random.chance(0.1)) {
          text = `{"Name":"${'x'.repeat(1024 * 1024)}"}`;
          doc = null;
          kind = 'too-large';
        } else continue;
        if (doc) text = jsonText(doc);
        bytes ??= Buffer.from(text!, 'utf8');
        // The oracle sees exactly what the CLI will: the bytes, decoded strictly, parsed.
        let parsed: unknown;
        let malformed = false;
        try {
          const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          parsed = JSON.parse(decoded.replace(/^\uFEFF/, ''));
        } catch {
          malformed = true;
        }
        if (bytes.length > 1024 * 1024) malformed = true;
        if (!malformed && !isInvalid(def, parsed)) {
          drop(def.name, kind, text ?? bytes.toString('base64'));
          continue;
        }
        if (via === 'inline') {
          // Inline JSON must look like JSON to be taken as such (else it names a file).
          const inline = bytes.toString('utf8');
          if (!/^\s*([{["\d-]|null|true|false|$)/.test(inline) || inline.includes('\u0000')) continue;
          add({ command: def.name, via, kind, argv: [...words(def), '--input-json', inline] });
        } else if (via === 'stdin') add({ command: def.name, via, kind, argv: [...words(def), '--input-json', '-'], stdinB64: bytes.toString('base64') });
        else add({ command: def.name, via, kind, argv: [...words(def), '--input-json', '@FILE@'], fileB64: bytes.toString('base64') });
        continue;
      }

      // Flags: a command line with one defect.
      const base = flagArgs(def, entries);
      const valueProps = props.filter((n) => !isSwitch(def.input.properties[n]) && n !== 'ARMEndpoint');
      const switchProps = props.filter((n) => isSwitch(def.input.properties[n]));
      const pick = random.int(0, 11);
      let argv: string[] | null = null;
      let kind = '';
      let schemaLevel: Record<string, unknown> | null = null;
      if (pick === 0) {
        const extra = random.pick([['--bogus', 'x'], ['--constructor', 'x'], ['--__proto__', 'x'], ['--toString'], ['--no-constructor'], ['--hasOwnProperty=1'], ['--prototype', 'x'], ['-z'], ['-Z', 'x'], [`--${anyProp()}`, 'x'], ['--name.sub', 'x'], [`--${anyProp().toLowerCase()}.x`, 'y']]);
        argv = random.chance(0.5) ? [...base, ...extra] : [...extra, ...base];
        kind = 'unknown-flag';
      } else if (pick === 1 && valueProps.length) {
        const name = random.pick(valueProps);
        argv = [...base.filter((a, i, all) => a !== `--${flagOf(name, def.input.properties[name])}` && all[i - 1] !== `--${flagOf(name, def.input.properties[name])}`), `--${flagOf(name, def.input.properties[name])}`];
        kind = 'flag-without-value';
      } else if (pick === 2 && valueProps.length) {
        const name = random.pick(valueProps);
        const flag = `--${flagOf(name, def.input.properties[name])}`;
        argv = [...base, flag, String(validValue(name, def.input.properties[name])), flag, String(validValue(name, def.input.properties[name]))];
        kind = 'repeated-flag';
      } else if (pick === 3 && switchProps.length) {
        const name = random.pick(switchProps);
        argv = [...base, `--${flagOf(name, def.input.properties[name])}=${random.pick(['maybe', 'yes', '1', '0', '', 'on', 'tru'])}`];
        kind = 'switch-with-value';
      } else if (pick === 4 && valueProps.some((n) => typeOf(def.input.properties[n]) !== 'boolean')) {
        const name = random.pick(valueProps.filter((n) => typeOf(def.input.properties[n]) !== 'boolean'));
        const flag = flagOf(name, def.input.properties[name]);
        argv = [...base.filter((a, i, all) => a !== `--${flag}` && all[i - 1] !== `--${flag}`), `--no-${flag}`];
        kind = 'negated-value-flag';
      } else if (pick === 5 && valueProps.some((n) => typeOf(def.input.properties[n]) === 'boolean')) {
        const name = random.pick(valueProps.filter((n) => typeOf(def.input.properties[n]) === 'boolean'));
        argv = [...base, `--${flagOf(name, def.input.properties[name])}`, random.pick(['maybe', 'yes', '1', '0', 'TRUE!', 'null', ''])];
        kind = 'not-a-boolean';
      } else if (pick <= 7 && valueProps.length) {
        const name = random.pick(valueProps);
        const bad = badValue(def, name, random, true);
        if (!bad || typeof bad.value !== 'string') continue;
        const changed = entries.filter(([k]) => k !== name).concat([[name, bad.value]]);
        if (bad.value.startsWith('-')) continue;
        argv = flagArgs(def, changed);
        schemaLevel = flagsToInput(def, changed);
        kind = bad.kind;
      } else if (pick === 8 && (def.input.required?.length ?? 0) > 0) {
        const missing = random.pick(def.input.required!);
        const changed = entries.filter(([k]) => k !== missing);
        argv = flagArgs(def, changed);
        schemaLevel = flagsToInput(def, changed);
        kind = 'missing-required';
      } else if (pick === 9) {
        const violation = ruleViolation(def, random);
        if (!violation) continue;
        argv = flagArgs(def, violation);
        schemaLevel = flagsToInput(def, violation);
        kind = 'rule';
      } else if (pick === 10) {
        argv = random.pick([
          [...(base.length ? base : ['--bogus', 'x']), '--input-json', '{}'],
          ['--input-json', jsonText(entries), '--input-json', jsonText(entries)],
          [...base, 'extra1', 'extra2', 'extra3'],
          [...base, '--output', random.pick(['xml', 'JSON', ''])],
          [...base, '--events', random.pick(['xml', 'json', ''])],
          ['--input-json', '/nonexistent-fuzz-dir/input.json'],
          ['--input-json', '/'],
        ]);
        kind = 'malformed-command-line';
      } else if (pick === 11 && random.chance(0.15)) {
        add({ command: '(none)', via: 'flags', kind: 'unknown-command', argv: random.pick([[], ['get-contexts'], ['GET-CONTEXT'], ['context'], ['login', '--bogus'], ['--bogus'], ['__proto__'], ['constructor'], ['toString', '--name', 'x']]) });
        continue;
      } else continue;
      if (schemaLevel && !isInvalid(def, schemaLevel)) {
        drop(def.name, kind, argv);
        continue;
      }
      const full = [...words(def), ...argv];
      add({ command: def.name, via: 'flags', kind, argv: full });
      if (cases.length >= total) break;
    }
  }
  return { cases, filtered };
}
