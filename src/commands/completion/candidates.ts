/**
 * What completes the word under the cursor: command words and flags from the registry, flag
 * values from their enum, and names (contexts, subscriptions, tenants, environments) from the
 * state folder. Reads files only: completion runs at every Tab and must never wait on a network.
 */
import type { CommandDefinition, JsonSchema } from '../../core/command.js';
import type { CommandContext } from '../../core/context.js';
import { GLOBAL_FLAGS } from '../../core/globals.js';
import { commandTree, flagOf } from '../../core/parse.js';
import { allEnvironments } from '../../profile/environments.js';
import { openProfile, type Profile } from '../../profile/profile.js';

/** Shell words of a command line, with quotes and backslashes read as a POSIX shell reads them. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  // The last word is the one being completed; after a space it is empty.
  words.push(inWord ? word : '');
  return words;
}

async function namesFor(completer: string, ctx: CommandContext): Promise<string[]> {
  let profile: Profile;
  try {
    profile = await openProfile(ctx.configDir, ctx.clock).read();
  } catch {
    return []; // an unreadable profile is for the real command to report, not for Tab
  }
  const unique = (values: string[]) => [...new Set(values)];
  switch (completer) {
    case 'Context':
      return profile.contexts.map((c) => c.name);
    case 'Subscription':
      return unique(profile.accounts.flatMap((a) => a.subscriptions.flatMap((s) => [s.name, s.id])));
    case 'SubscriptionId':
      return unique(profile.accounts.flatMap((a) => a.subscriptions.map((s) => s.id)));
    case 'Tenant':
      return unique(profile.accounts.flatMap((a) => a.tenants.flatMap((t) => [t.id, ...(t.domains ?? [])])));
    case 'Environment':
      return allEnvironments(profile.environments).map((e) => e.Name);
    default:
      return [];
  }
}

async function valuesFor(schema: JsonSchema, ctx: CommandContext): Promise<string[]> {
  if (schema.enum) return schema.enum.map(String);
  const completer = schema['x-ps']?.completer;
  return completer ? namesFor(completer, ctx) : [];
}

/** Candidates for the last word of `line` (the text before the cursor, program name first). */
export async function completeLine(line: string, commands: readonly CommandDefinition<any, any>[], ctx: CommandContext): Promise<string[]> {
  const words = shellWords(line).slice(1);
  const partial = words.pop() ?? '';
  const starts = (values: Iterable<string>) => [...values].filter((v) => v.toLowerCase().startsWith(partial.toLowerCase()));

  let node = commandTree(commands);
  let rest = words;
  while (rest.length > 0 && node.children.has(rest[0])) {
    node = node.children.get(rest[0])!;
    rest = rest.slice(1);
  }
  if (!node.def) return rest.length === 0 && !partial.startsWith('-') ? starts(node.children.keys()) : [];
  const def = node.def;

  const flags = new Map<string, JsonSchema>();
  for (const [name, schema] of Object.entries(def.input.properties)) flags.set(flagOf(name, schema), schema);
  const previous = rest.at(-1);
  if (previous?.startsWith('--') && !previous.includes('=')) {
    const flag = previous.slice(2);
    const global = GLOBAL_FLAGS[flag];
    if (global?.kind === 'value') return starts(global.choices ?? []);
    const schema = flags.get(flag);
    if (schema && !schema['x-ps']?.switch) return starts(await valuesFor(schema, ctx));
  }
  if (previous === '-o') return starts(GLOBAL_FLAGS.output.choices ?? []);
  if (partial.startsWith('-')) {
    const all = [...flags.keys(), ...Object.keys(GLOBAL_FLAGS), 'no-prompt'].map((f) => `--${f}`);
    return starts(all);
  }
  // A positional: the property at position 0 (get-context <name>, select-context <name>).
  const positional = Object.values(def.input.properties).find((s) => s['x-ps']?.position === 0);
  return positional ? starts(await valuesFor(positional, ctx)) : [];
}
