/**
 * The global flags every command takes, once. The fast parser, yargs, peekGlobals and the
 * input collector all read this table, so a global flag cannot be known to one of them and
 * unknown to another (they had four copies of it).
 */
export const OUTPUT_FORMATS = ['json', 'table', 'tsv', 'env', 'none'] as const;
export const EVENT_FORMATS = ['text', 'jsonl'] as const;
/** Kept here (not imported from shell.ts) so this table stays free of imports. */
export const SHELL_NAMES = ['bash', 'pwsh', 'cmd'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type EventFormat = (typeof EVENT_FORMATS)[number];

export interface GlobalFlag {
  /** switch: present or absent; value: takes one value. */
  kind: 'switch' | 'value';
  describe: string;
  /** A one-letter form, as az's `-o`. */
  short?: string;
  choices?: readonly string[];
}

export const GLOBAL_FLAGS: Readonly<Record<string, GlobalFlag>> = {
  'input-json': { kind: 'value', describe: 'Read the input as JSON from a file, from stdin (-), or inline.' },
  output: {
    kind: 'value',
    short: 'o',
    choices: OUTPUT_FORMATS,
    describe: 'json (default), table or tsv for people, none for nothing, env for the lines that apply a Process-scope change in your shell (see --shell).',
  },
  shell: {
    kind: 'value',
    choices: SHELL_NAMES,
    describe: 'The shell --output env (and the Process-scope hint) writes for: bash (export), pwsh ($env:NAME = ...) or cmd (set). Default: guessed from the environment (PowerShell, cmd.exe on Windows, else bash).',
  },
  query: { kind: 'value', describe: 'A JMESPath expression applied to the result before --output renders it (as az --query).' },
  events: { kind: 'value', choices: EVENT_FORMATS, describe: 'How stderr carries warnings, progress and prompts: text for people, jsonl for programs.' },
  verbose: { kind: 'switch', describe: 'Write verbose messages to stderr.' },
  debug: { kind: 'switch', describe: 'Write debug messages to stderr (never secrets).' },
  prompt: { kind: 'switch', describe: 'Use --no-prompt to never ask questions, even at a terminal.' },
};

/** Every spelling of a global flag without its dashes: names, short forms, and no-prompt. */
export const GLOBAL_SPELLINGS: ReadonlySet<string> = new Set([
  ...Object.keys(GLOBAL_FLAGS),
  ...Object.values(GLOBAL_FLAGS).flatMap((f) => (f.short ? [f.short] : [])),
  'no-prompt',
  'help',
  'version',
]);

export interface GlobalOptions {
  output: OutputFormat;
  events: EventFormat;
  /** --shell as given; absent means guessed from the environment (core/shell.ts). */
  shell?: (typeof SHELL_NAMES)[number];
  /** The JMESPath expression of --query, as given. */
  query?: string;
  verbose: boolean;
  debug: boolean;
  noPrompt: boolean;
}

/** Reads the global options straight from argv, so even a parse failure is reported in the right format. */
export function peekGlobals(all: readonly string[]): GlobalOptions {
  // Words after the first "--" belong to the command exec runs, never to myaccount.
  const dashes = all.indexOf('--');
  const argv = dashes < 0 ? all : all.slice(0, dashes);
  const valueOf = (flag: string): string | undefined => {
    const spellings = [`--${flag}`, ...(GLOBAL_FLAGS[flag].short ? [`-${GLOBAL_FLAGS[flag].short}`] : [])];
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      for (const s of spellings) {
        if (arg === s) return argv[i + 1];
        if (arg.startsWith(`${s}=`)) return arg.slice(s.length + 1);
      }
    }
    return undefined;
  };
  const output = valueOf('output');
  const events = valueOf('events');
  const shell = valueOf('shell');
  return {
    shell: (SHELL_NAMES as readonly string[]).includes(shell ?? '') ? (shell as GlobalOptions['shell']) : undefined,
    output: (OUTPUT_FORMATS as readonly string[]).includes(output ?? '') ? (output as OutputFormat) : 'json',
    events: events === 'jsonl' ? 'jsonl' : 'text',
    query: valueOf('query'),
    verbose: argv.includes('--verbose'),
    debug: argv.includes('--debug'),
    noPrompt: argv.includes('--no-prompt'),
  };
}
