/**
 * `myaccount completion bash|pwsh` prints a completion script; `completion candidates` is what
 * the script calls at each Tab. CLI-only. The registry is handed in (a getter), since the
 * registry lists these commands too and importing it here would be a cycle.
 */
import { defineCommand, type CommandDefinition } from '../../core/command.js';
import { text } from '../schema/common.js';
import { BASH_SCRIPT, PWSH_SCRIPT } from './scripts.js';

const noInput = { type: 'object' as const, additionalProperties: false as const, properties: {} };

function scriptCommand(shell: 'bash' | 'pwsh', script: string, load: string): CommandDefinition<Record<string, never>, string> {
  return defineCommand<Record<string, never>, string>({
    name: `completion ${shell}`,
    summary: `Print the ${shell} script that completes myaccount's commands, flags and names (contexts, subscriptions, tenants, environments).`,
    description: `Prints the script itself (not JSON), to load with: ${load}. Names come from the state folder; completion never uses the network.`,
    examples: [{ description: `Load completion in ${shell}.`, cli: load, powershell: '' }],
    input: noInput,
    output: { type: 'string' },
    outputType: 'MyAccount.CompletionScript',
    printsText: true,
    async handler() {
      return script;
    },
  });
}

export function completionCommands(registry: () => readonly CommandDefinition<any, any>[]): CommandDefinition<any, any>[] {
  return [
    scriptCommand('bash', BASH_SCRIPT, 'source <(myaccount completion bash)'),
    scriptCommand('pwsh', PWSH_SCRIPT, 'myaccount completion pwsh | Out-String | Invoke-Expression'),
    defineCommand<{ Line: string }, string[]>({
      name: 'completion candidates',
      summary: 'The words that complete a command line (what the completion scripts call at each Tab).',
      description: 'Given the text before the cursor (--line="myaccount select-context Pro"), lists the words that complete its last word: command words, flags, flag values from their allowed values, and context, subscription, tenant and environment names from the state folder. No network.',
      examples: [{ description: 'Complete a context name.', cli: 'myaccount completion candidates --line="myaccount select-context " -o tsv', powershell: '' }],
      input: { type: 'object', additionalProperties: false, required: ['Line'], properties: { Line: text('The command line up to the cursor, the program name first.', { mandatory: true }, 8192) } },
      output: { type: 'array', items: { type: 'string' } },
      outputType: 'MyAccount.CompletionCandidates',
      async handler(input, ctx) {
        const { completeLine } = await import('./candidates.js');
        return completeLine(input.Line, registry(), ctx);
      },
    }),
  ];
}
