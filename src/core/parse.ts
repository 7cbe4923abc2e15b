/**
 * argv → (command, input). The yargs command tree and its --help are built from the registry;
 * flags become an input object keyed by schema property names, exactly what --input-json would
 * carry, so both paths meet the same validator.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Argv, Options } from 'yargs';
import type { CommandDefinition, JsonSchema } from './command.js';
import { fail } from './errors.js';
import { toFlag } from './names.js';
import { isWholeNumberText, printable } from './validate.js';

export type OutputFormat = 'json' | 'table' | 'tsv' | 'env';
export type EventFormat = 'text' | 'jsonl';

export interface GlobalOptions {
  output: OutputFormat;
  events: EventFormat;
  verbose: boolean;
  debug: boolean;
  noPrompt: boolean;
}

export type ParseResult =
  | { kind: 'run'; command: CommandDefinition<any, any>; input: unknown; globals: GlobalOptions }
  | { kind: 'text'; text: string; globals: GlobalOptions };

const MAX_INPUT_BYTES = 1024 * 1024;
const GLOBAL_FLAGS = ['input-json', 'output', 'events', 'verbose', 'debug', 'no-prompt', 'prompt', 'help', 'version'];

/** Reads the global options straight from argv, so even a parse failure is reported in the right format. */
export function peekGlobals(all: readonly string[]): GlobalOptions {
  // Words after "--" belong to the command exec runs, never to myaccount.
  const argv = splitAtDashes(all).head;
  const valueOf = (flag: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === `--${flag}`) return argv[i + 1];
      if (arg.startsWith(`--${flag}=`)) return arg.slice(flag.length + 3);
    }
    return undefined;
  };
  const output = valueOf('output');
  const events = valueOf('events');
  return {
    output: output === 'table' || output === 'tsv' || output === 'env' ? output : 'json',
    events: events === 'jsonl' ? 'jsonl' : 'text',
    verbose: argv.includes('--verbose'),
    debug: argv.includes('--debug'),
    noPrompt: argv.includes('--no-prompt'),
  };
}

function propertyKind(schema: JsonSchema): 'switch' | 'boolean' | 'integer' | 'number' | 'array' | 'object' | 'string' {
  if (schema['x-ps']?.switch) return 'switch';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'boolean' || type === 'integer' || type === 'number' || type === 'array' || type === 'object') return type;
  return 'string';
}

/** The CLI flag of an input property: its x-ps flag, else the kebab-case of its name. */
export function flagOf(name: string, schema: JsonSchema): string {
  return schema['x-ps']?.flag ?? toFlag(name);
}

function positionals(def: CommandDefinition<any, any>): string[] {
  return Object.entries(def.input.properties)
    .filter(([, s]) => s['x-ps']?.position !== undefined)
    .sort(([, a], [, b]) => (a['x-ps']!.position ?? 0) - (b['x-ps']!.position ?? 0))
    .map(([name, s]) => flagOf(name, s));
}

function describeProperty(name: string, schema: JsonSchema): string {
  const parts = [schema.description ?? ''];
  if (schema.enum) parts.push(`One of: ${schema.enum.join(', ')}.`);
  const meta = schema['x-ps'];
  if (meta?.mandatory === true) parts.push('Required.');
  parts.push(`(JSON: ${name})`);
  return parts.filter(Boolean).join(' ');
}

function builderFor(def: CommandDefinition<any, any>) {
  return (y: Argv): Argv => {
    y.usage(`myaccount ${def.name}${positionals(def).map((p) => ` [${p}]`).join('')} [flags]${def.passThrough ? ' -- <command> [args...]' : ''}\n\n${def.summary}\n\n${def.description}${def.cmdlet ? `\n\nPowerShell: ${def.cmdlet}` : ''}`);
    for (const pos of positionals(def)) y.positional(pos, { type: 'string', describe: 'Same as --' + pos });
    for (const [name, schema] of Object.entries(def.input.properties)) {
      if (name === def.passThrough) continue; // given after "--", never as a flag
      const kind = propertyKind(schema);
      const option: Options = {
        describe: describeProperty(name, schema),
        // Values are kept as text and converted by schema type below, so `--max 1e3` or
        // `--enable-login-by-wam maybe` get a precise message instead of yargs' guesses.
        type: kind === 'switch' ? 'boolean' : kind === 'array' ? 'array' : 'string',
        alias: schema['x-ps']?.flagAliases,
        requiresArg: kind !== 'switch',
      };
      y.option(flagOf(name, schema), option);
    }
    for (const example of def.examples) y.example(example.cli, example.description);
    return y;
  };
}

function groupCommands(commands: readonly CommandDefinition<any, any>[]): Map<string, CommandDefinition<any, any>[]> {
  const groups = new Map<string, CommandDefinition<any, any>[]>();
  for (const def of commands) {
    const [head] = def.name.split(' ');
    groups.set(head, [...(groups.get(head) ?? []), def]);
  }
  return groups;
}

/**
 * The fast path: node's own parseArgs with the option table the registry gives yargs. It accepts
 * only plain, well-formed command lines; for anything else (help, version, a mistake) it returns
 * null and yargs parses instead, so yargs alone decides what help and parse errors say.
 * yargs costs ~40 ms to load and run, a third of a cold start.
 */
function fastParse(argv: readonly string[], commands: readonly CommandDefinition<any, any>[]): { command: CommandDefinition<any, any>; values: Record<string, unknown> } | null {
  if (argv.some((a) => a === '--' || a === '-h' || a.startsWith('--help') || a.startsWith('--version'))) return null;
  let command = commands.find((c) => c.name === argv[0]);
  let rest = argv.slice(1);
  if (!command && argv.length > 1) {
    command = commands.find((c) => c.name === `${argv[0]} ${argv[1]}`);
    rest = argv.slice(2);
  }
  if (!command) return null;
  type Spec = { type: 'string' | 'boolean'; multiple: true };
  const options: Record<string, Spec> = {
    'input-json': { type: 'string', multiple: true },
    output: { type: 'string', multiple: true },
    events: { type: 'string', multiple: true },
    verbose: { type: 'boolean', multiple: true },
    debug: { type: 'boolean', multiple: true },
    prompt: { type: 'boolean', multiple: true },
    'no-prompt': { type: 'boolean', multiple: true },
  };
  const canonical = new Map<string, string>();
  for (const [name, schema] of Object.entries(command.input.properties)) {
    if (name === command.passThrough) continue;
    const flag = flagOf(name, schema);
    const type = propertyKind(schema) === 'switch' ? 'boolean' : 'string';
    for (const spelling of [flag, ...(schema['x-ps']?.flagAliases ?? [])]) {
      options[spelling] = { type, multiple: true };
      canonical.set(spelling, flag);
    }
  }
  let parsed: ReturnType<typeof parseArgs<{ options: Record<string, Spec>; strict: true; allowPositionals: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: [...rest], options, strict: true, allowPositionals: true });
  } catch {
    return null;
  }
  const { values, positionals: given } = parsed;
  const one = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v);
  if (values.output && !['json', 'table', 'tsv', 'env'].includes(String(one(values.output)))) return null;
  if (values.events && !['text', 'jsonl'].includes(String(one(values.events)))) return null;
  const names = positionals(command);
  if (given.length > names.length) return null;
  const out: Record<string, unknown> = {};
  const add = (flag: string, value: unknown[]): void => {
    out[flag] = out[flag] === undefined ? value : [...(out[flag] as unknown[]), ...value];
  };
  given.forEach((value, i) => add(names[i], [value]));
  for (const [spelling, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (spelling === 'no-prompt') out.prompt = false;
    else add(canonical.get(spelling) ?? spelling, value as unknown[]);
  }
  for (const [flag, value] of Object.entries(out)) {
    const schema = Object.entries(command.input.properties).find(([n, s]) => flagOf(n, s) === flag)?.[1];
    if (!schema || propertyKind(schema) !== 'array') out[flag] = one(value);
  }
  return { command, values: out };
}

/**
 * Flags yargs would mishandle, rejected before it sees them (found by the bad-input fuzz test):
 * a flag named like an Object.prototype member (--constructor, --hasOwnProperty) crashes yargs'
 * strict checks with a TypeError, and a switch given a value other than true/false
 * (--force=maybe) is silently read by yargs as false.
 */
function rejectMisleadingFlags(argv: readonly string[], commands: readonly CommandDefinition<any, any>[]): void {
  const command = commands.find((c) => c.name === argv[0]) ?? commands.find((c) => c.name === `${argv[0]} ${argv[1]}`);
  const switches = new Set(['verbose', 'debug', 'prompt', 'no-prompt', 'help', 'version']);
  for (const [name, schema] of Object.entries(command?.input.properties ?? {})) {
    if (propertyKind(schema) === 'switch') for (const spelling of [flagOf(name, schema), ...(schema['x-ps']?.flagAliases ?? [])]) switches.add(spelling);
  }
  for (const arg of argv) {
    if (arg === '--') break;
    const match = /^--?([^=]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!match) continue;
    const [, name, value] = match;
    const bare = name.replace(/^no-/, '').split('.')[0];
    if (bare in Object.prototype || name in Object.prototype) {
      throw fail.InvalidArguments(`Unknown argument: ${printable(name)}. Run myaccount --help (or myaccount <command> --help) for usage.`);
    }
    if (value !== undefined && switches.has(name) && !/^(true|false)$/i.test(value)) {
      throw fail.InvalidArguments(`--${name} is a switch: give it alone, or as --${name}=true or --${name}=false (got "${printable(value)}").`, { target: name });
    }
  }
}

/** argv before the first "--", and the words after it (null when there is no "--"). */
export function splitAtDashes(argv: readonly string[]): { head: readonly string[]; tail: string[] | null } {
  const at = argv.indexOf('--');
  return at < 0 ? { head: argv, tail: null } : { head: argv.slice(0, at), tail: argv.slice(at + 1) };
}

/** The words after "--" go, untouched, into the command's passThrough property (exec's command line). */
function withPassThrough(def: CommandDefinition<any, any>, input: unknown, tail: string[] | null): unknown {
  if (tail === null || !def.passThrough) return input;
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    if (def.passThrough in input) throw fail.InvalidArguments(`Give the command line either after "--" or as ${def.passThrough}, not both.`, { target: def.passThrough });
    return { ...input, [def.passThrough]: tail };
  }
  return input;
}

export async function parseArgv(all: readonly string[], commands: readonly CommandDefinition<any, any>[], version: string, stdin: (limit: number) => Buffer): Promise<ParseResult> {
  const globals = peekGlobals(all);
  const { head: argv, tail } = splitAtDashes(all);
  // Nothing may hide behind "--": every word must reach the schema or be refused, except for a
  // command that runs another (exec), which takes them as that command line.
  const named = commands.find((c) => c.name === argv[0]);
  if (tail !== null && !named?.passThrough) throw fail.InvalidArguments('myaccount takes no arguments after "--". Give every value as a flag or in --input-json.');
  const fast = fastParse(argv, commands);
  if (fast) return { kind: 'run', command: fast.command, input: withPassThrough(fast.command, collectInput(fast.command, fast.values, stdin), tail), globals };
  rejectMisleadingFlags(argv, commands);
  const { default: yargs } = await import('yargs');
  let helpText: string | null = null;
  let chosen: CommandDefinition<any, any> | null = null;
  // yargs re-wraps errors thrown from its fail hook, so the failure is noted and raised after parsing.
  let failure: string | null = null;

  const parser = yargs([...argv])
    .scriptName('myaccount')
    .usage('myaccount <command> [flags] | myaccount <command> --input-json <file|-|json>\n\nSigns people and pipelines into Azure. Every command prints one JSON document on stdout.')
    // No dot-notation: `--name.x y` would otherwise hand the schema an object where a string belongs.
    .parserConfiguration({ 'camel-case-expansion': false, 'strip-aliased': true, 'boolean-negation': true, 'duplicate-arguments-array': true, 'populate--': false, 'dot-notation': false })
    .options({
      'input-json': { type: 'string', describe: 'Read the input as JSON from a file, from stdin (-), or inline.', requiresArg: true },
      output: { choices: ['json', 'table', 'tsv', 'env'], describe: 'json (default), table or tsv for people, env for `eval` after a Process-scope change.', requiresArg: true },
      events: { choices: ['text', 'jsonl'], describe: 'How stderr carries warnings, progress and prompts: text for people, jsonl for programs.', requiresArg: true },
      verbose: { type: 'boolean', describe: 'Write verbose messages to stderr.' },
      debug: { type: 'boolean', describe: 'Write debug messages to stderr (never secrets).' },
      prompt: { type: 'boolean', describe: 'Use --no-prompt to never ask questions, even at a terminal.', default: undefined },
    })
    .strict()
    .exitProcess(false)
    .help(true)
    .version(version)
    .wrap(Math.min(120, process.stderr.columns || 100))
    .demandCommand(1, 'Name a command.')
    .recommendCommands()
    .fail((message, error) => {
      failure ??= message || error?.message || 'The command line is not valid.';
    });

  for (const [head, defs] of groupCommands(commands)) {
    if (defs.length === 1 && defs[0].name === head) {
      const def = defs[0];
      const pos = positionals(def).map((p) => `[${p}]`).join(' ');
      parser.command(`${head}${pos ? ' ' + pos : ''}`, def.summary, builderFor(def), () => {
        chosen = def;
      });
      continue;
    }
    parser.command(`${head} <command>`, `${head} commands: ${defs.map((d) => d.name.split(' ')[1]).join(', ')}`, (y) => {
      for (const def of defs) {
        const sub = def.name.split(' ')[1];
        y.command(sub, def.summary, builderFor(def), () => {
          chosen = def;
        });
      }
      return y.demandCommand(1, `Name a ${head} command.`);
    });
  }

  const output: string[] = [];
  const parsed = await parser.parseAsync([...argv], {}, (_error, _argv, text) => {
    if (text) output.push(text);
  });
  if (failure !== null) {
    throw fail.InvalidArguments(`${(failure as string).replace(/\.?\s*$/, '.')} Run myaccount --help (or myaccount <command> --help) for usage.`);
  }
  if (parsed.help || parsed.version) {
    helpText = output.join('\n');
    return { kind: 'text', text: helpText.endsWith('\n') ? helpText : helpText + '\n', globals };
  }
  if (!chosen) throw fail.InvalidArguments('Name a command. Run myaccount --help (or myaccount <command> --help) for usage.');
  const def: CommandDefinition<any, any> = chosen;
  return { kind: 'run', command: def, input: withPassThrough(def, collectInput(def, parsed as Record<string, unknown>, stdin), tail), globals };
}

function collectInput(def: CommandDefinition<any, any>, argv: Record<string, unknown>, stdin: (limit: number) => Buffer): unknown {
  const commandFlags = new Set(Object.keys(argv).filter((k) => k !== '_' && k !== '$0' && !GLOBAL_FLAGS.includes(k)));
  const inputJson = argv['input-json'];
  if (inputJson !== undefined) {
    if (Array.isArray(inputJson)) throw fail.InvalidArguments('Give --input-json once.', { target: 'input-json' });
    if (commandFlags.size > 0) {
      throw fail.InvalidArguments(`Give either --input-json or flags, not both (found --${[...commandFlags][0]}).`, { target: 'input-json' });
    }
    return readInputJson(String(inputJson), stdin);
  }
  const input: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(def.input.properties)) {
    const flag = flagOf(name, schema);
    if (!(flag in argv) || argv[flag] === undefined) continue;
    input[name] = convert(name, flag, schema, argv[flag]);
  }
  return input;
}

function convert(name: string, flag: string, schema: JsonSchema, raw: unknown): unknown {
  const kind = propertyKind(schema);
  if (kind === 'array') return (raw as unknown[]).map(String);
  if (Array.isArray(raw)) throw fail.InvalidArguments(`Give --${flag} once.`, { target: name });
  if (kind === 'switch') return raw;
  // yargs' boolean negation turns `--no-name` into false; only true/false settings can mean that.
  if (typeof raw === 'boolean' && kind !== 'boolean') throw fail.InvalidArguments(`--no-${flag} is not a flag; give --${flag} a value.`, { target: name });
  const text = String(raw);
  switch (kind) {
    case 'boolean': {
      const t = text.toLowerCase();
      if (t === 'true' || t === '$true') return true;
      if (t === 'false' || t === '$false') return false;
      throw fail.InvalidInput(`${name} (--${flag}) must be true or false; got "${printable(text)}".`, { target: name });
    }
    case 'integer':
    case 'number': {
      const ok = kind === 'integer' ? isWholeNumberText(text) : /^-?\d+(\.\d+)?$/.test(text);
      if (!ok) throw fail.InvalidInput(`${name} (--${flag}) must be ${kind === 'integer' ? 'a whole number' : 'a number'}; got "${printable(text)}".`, { target: name });
      return Number(text);
    }
    case 'object':
      return parseJsonText(text, `--${flag}`);
    default:
      return text;
  }
}

function readInputJson(source: string, stdin: (limit: number) => Buffer): unknown {
  const trimmed = source.trimStart();
  let bytes: Buffer;
  if (source === '-') bytes = stdin(MAX_INPUT_BYTES + 1);
  else if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed === '' || /^(null|true|false|-?\d|")/.test(trimmed)) bytes = Buffer.from(source, 'utf8');
  else {
    try {
      bytes = readFileSync(source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw fail.InputFileUnreadable(`Could not read the input file "${printable(source)}" (${code ?? 'error'}). Give a readable file, - for stdin, or inline JSON.`, { target: 'input-json' });
    }
  }
  if (bytes.length > MAX_INPUT_BYTES) throw fail.InputTooLarge(`The JSON input is larger than ${MAX_INPUT_BYTES} bytes.`, { target: 'input-json' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail.InvalidUtf8('The JSON input is not valid UTF-8 text.', { target: 'input-json' });
  }
  return parseJsonText(text, 'The JSON input');
}

function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // Node's message quotes the input, which may hold a secret; keep only the position.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const where = position ? ` near character ${position}` : '';
    throw fail.InvalidJson(`${what} is not valid JSON${where}. Check quoting and commas.`, { target: 'input-json' });
  }
}
