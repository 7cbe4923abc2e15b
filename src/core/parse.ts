/**
 * argv → (command, input). The yargs command tree and its --help are built from the registry;
 * flags become an input object keyed by schema property names, exactly what --input-json would
 * carry, so both paths meet the same validator.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Argv, Options } from 'yargs';
import type { CommandCatalog, CommandDefinition, JsonSchema } from './command.js';
import { fail } from './errors.js';
import { toFlag } from './names.js';
import { isWholeNumberText, printable } from './validate.js';
import { nearest } from './suggest.js';
import { GLOBAL_FLAGS, GLOBAL_SPELLINGS, peekGlobals, type GlobalOptions } from './globals.js';


export type ParseResult =
  | { kind: 'run'; command: CommandDefinition<any, any>; input: unknown; globals: GlobalOptions }
  | { kind: 'text'; text: string; globals: GlobalOptions };

const MAX_INPUT_BYTES = 1024 * 1024;

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

/** The command name (one, two or three words) argv starts with; the longest name wins. */
export function commandNameAt(argv: readonly string[], names: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const name of names) {
    const words = name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.split(' ').length)) best = name;
  }
  return best;
}

function commandAt(argv: readonly string[], commands: readonly CommandDefinition<any, any>[]): CommandDefinition<any, any> | undefined {
  const name = commandNameAt(argv, commands.map((c) => c.name));
  return commands.find((c) => c.name === name);
}

/** Commands as a tree of words: `account tenant list` sits under account, then tenant. */
interface CommandNode {
  def?: CommandDefinition<any, any>;
  children: Map<string, CommandNode>;
}

export function commandTree(commands: readonly CommandDefinition<any, any>[]): CommandNode {
  const root: CommandNode = { children: new Map() };
  for (const def of commands) {
    let node = root;
    for (const word of def.name.split(' ')) {
      if (!node.children.has(word)) node.children.set(word, { children: new Map() });
      node = node.children.get(word)!;
    }
    node.def = def;
  }
  return root;
}

/** Registers a level of the tree with yargs; groups become `<word> <command>` with their own level. */
function registerCommands(y: Argv, node: CommandNode, path: string, choose: (def: CommandDefinition<any, any>) => void): void {
  for (const [word, child] of node.children) {
    const def = child.def;
    if (def && child.children.size === 0) {
      const pos = positionals(def).map((p) => `[${p}]`).join(' ');
      y.command(`${word}${pos ? ' ' + pos : ''}`, def.summary, builderFor(def), () => choose(def));
      continue;
    }
    const group = `${path}${word}`;
    y.command(`${word} <command>`, `${group} commands: ${[...child.children.keys()].join(', ')}`, (sub) => {
      registerCommands(sub, child, `${group} `, choose);
      return sub.demandCommand(1, `Name a ${group} command.`);
    });
  }
}

/** An unknown command or flag on the command line, with the nearest known word when one is near. */
interface UnknownWord {
  message: string;
  target: string;
  suggestion?: string;
}

function findUnknownWord(argv: readonly string[], commands: readonly CommandDefinition<any, any>[]): UnknownWord | null {
  // The command words: walk the tree as far as argv names known words.
  let node = commandTree(commands);
  const path: string[] = [];
  for (const word of argv) {
    if (word.startsWith('-') || node.children.size === 0) break;
    const child = node.children.get(word);
    if (!child) {
      const prefix = path.length ? `${path.join(' ')} ` : '';
      const suggestion = nearest(word, node.children.keys());
      const full = suggestion && `${prefix}${suggestion}`;
      return {
        message: `Unknown command: ${printable(prefix + word)}.${full ? ` Did you mean "${full}"?` : ''}`,
        target: 'command',
        ...(full ? { suggestion: full } : {}),
      };
    }
    path.push(word);
    node = child;
  }
  // The flags: the command's own (and their aliases), then the global ones.
  const def = node.def;
  const known = new Set<string>();
  for (const [name, schema] of Object.entries(def?.input.properties ?? {})) for (const f of [flagOf(name, schema), ...(schema['x-ps']?.flagAliases ?? [])]) known.add(f);
  const globals = [...GLOBAL_SPELLINGS].filter((f) => f.length > 1);
  for (const arg of argv) {
    const match = /^--([^=]+)/.exec(arg);
    if (!match) continue;
    const name = match[1];
    const bare = name.replace(/^no-/, '');
    if (known.has(name) || known.has(bare) || GLOBAL_SPELLINGS.has(name)) continue;
    const suggestion = nearest(name, [...known, ...globals]);
    return {
      message: `Unknown flag: --${printable(name)}${def ? ` for ${def.name}` : ''}.${suggestion ? ` Did you mean "--${suggestion}"?` : ''}`,
      target: name,
      ...(suggestion ? { suggestion: `--${suggestion}` } : {}),
    };
  }
  return null;
}

/**
 * The fast path: node's own parseArgs with the option table the registry gives yargs. It accepts
 * only plain, well-formed command lines; for anything else (help, version, a mistake) it returns
 * null and yargs parses instead, so yargs alone decides what help and parse errors say.
 * yargs costs ~40 ms to load and run, a third of a cold start.
 */
async function fastParse(argv: readonly string[], catalog: CommandCatalog): Promise<{ command: CommandDefinition<any, any>; values: Record<string, unknown> } | null> {
  if (argv.some((a) => a === '--' || a === '-h' || a.startsWith('--help') || a.startsWith('--version'))) return null;
  const name = commandNameAt(argv, catalog.names);
  if (!name) return null;
  // Only this command's declaration: the others' cost a cold start time to load and is not needed.
  const command = await catalog.load(name);
  const rest = argv.slice(command.name.split(' ').length);
  type Spec = { type: 'string' | 'boolean'; multiple: true; short?: string };
  const options: Record<string, Spec> = { 'no-prompt': { type: 'boolean', multiple: true } };
  for (const [name, g] of Object.entries(GLOBAL_FLAGS)) options[name] = { type: g.kind === 'switch' ? 'boolean' : 'string', multiple: true, ...(g.short ? { short: g.short } : {}) };
  const canonical = new Map<string, string>();
  for (const [name, schema] of Object.entries(command.input.properties)) {
    if (name === command.passThrough) continue;
    const flag = flagOf(name, schema);
    const type = propertyKind(schema) === 'switch' ? 'boolean' : 'string';
    for (const spelling of [flag, ...(schema['x-ps']?.flagAliases ?? [])]) {
      // One letter is a short flag (-u), as az spells them.
      options[spelling] = { type, multiple: true, ...(spelling.length === 1 ? { short: spelling } : {}) };
      canonical.set(spelling, flag);
    }
  }
  let parsed: ReturnType<typeof parseArgs<{ options: Record<string, Spec>; strict: true; allowPositionals: true; args: string[] }>>;
  try {
    // Nothing after the command's name parses to nothing (and Node's parser is compiled on first use).
    parsed = rest.length === 0 ? { values: {}, positionals: [] } : parseArgs({ args: [...rest], options, strict: true, allowPositionals: true });
  } catch {
    return null;
  }
  const { values, positionals: given } = parsed;
  const one = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v);
  for (const [name, g] of Object.entries(GLOBAL_FLAGS)) {
    if (g.choices && values[name] !== undefined && !g.choices.includes(String(one(values[name])))) return null;
  }
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
  const command = commandAt(argv, commands);
  const switches = new Set(['no-prompt', 'help', 'version', ...Object.keys(GLOBAL_FLAGS).filter((f) => GLOBAL_FLAGS[f].kind === 'switch')]);
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

export async function parseArgv(all: readonly string[], catalog: CommandCatalog, version: string, stdin: (limit: number) => Buffer): Promise<ParseResult> {
  const globals = peekGlobals(all);
  const { head: argv, tail } = splitAtDashes(all);
  // Nothing may hide behind "--": every word must reach the schema or be refused, except for a
  // command that runs another (exec), which takes them as that command line.
  if (tail !== null) {
    const named = catalog.names.includes(argv[0]) ? await catalog.load(argv[0]) : undefined;
    if (!named?.passThrough) throw fail.InvalidArguments('myaccount takes no arguments after "--". Give every value as a flag or in --input-json.');
  }
  const fast = await fastParse(argv, catalog);
  if (fast) return { kind: 'run', command: fast.command, input: withPassThrough(fast.command, collectInput(fast.command, fast.values, stdin), tail), globals };
  // Help, --version or a mistake: yargs builds its command tree (and help) from every declaration.
  const commands = await catalog.all();
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
    .options(
      Object.fromEntries(
        Object.entries(GLOBAL_FLAGS).map(([name, g]): [string, Options] => [
          name,
          g.kind === 'switch'
            ? { type: 'boolean', describe: g.describe, ...(name === 'prompt' ? { default: undefined } : {}) }
            : { type: 'string', describe: g.describe, requiresArg: true, ...(g.choices ? { choices: [...g.choices] } : {}), ...(g.short ? { alias: g.short } : {}) },
        ]),
      ),
    )
    .strict()
    .exitProcess(false)
    .help(true)
    .version(version)
    .wrap(Math.min(120, process.stderr.columns || 100))
    .demandCommand(1, 'Name a command.')
    .fail((message, error) => {
      failure ??= message || error?.message || 'The command line is not valid.';
    });

  registerCommands(parser, commandTree(commands), '', (def) => {
    chosen = def;
  });

  const output: string[] = [];
  const parsed = await parser.parseAsync([...argv], {}, (_error, _argv, text) => {
    if (text) output.push(text);
  });
  if (failure !== null) {
    // Our own reading of an unknown command or flag comes first: it can name the nearest one.
    const unknown = findUnknownWord(argv, commands);
    const message = unknown ? unknown.message : (failure as string).replace(/\.?\s*$/, '.');
    throw fail.InvalidArguments(`${message} Run myaccount --help (or myaccount <command> --help) for usage.`, {
      target: unknown?.target,
      details: unknown?.suggestion ? [{ suggestion: unknown.suggestion }] : [],
    });
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
  const commandFlags = new Set(Object.keys(argv).filter((k) => k !== '_' && k !== '$0' && !GLOBAL_SPELLINGS.has(k)));
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
