/**
 * import-context (Import-MyContext): reads a file save-context wrote into this state folder.
 * The whole file is checked before anything changes; the records are merged under the profile's
 * lock (same-named accounts, contexts and environments are replaced), and its default context
 * becomes the default for CurrentUser, or for this shell only with --scope Process.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineCommand } from '../../core/command.js';
import { fail, MyAccountError } from '../../core/errors.js';
import { mergeContextFile, parseContextFile } from '../../profile/context-file.js';
import { makeDefault } from '../../profile/contexts.js';
import { openProfile, type Profile } from '../../profile/profile.js';
import { scope, text } from '../schema/common.js';
import { contextFileSummary, type ContextFileSummary } from '../save-context/command.js';

interface Input {
  Path: string;
  Scope?: 'Process' | 'CurrentUser';
}

const MAX_FILE_BYTES = 16 * 1024 * 1024;

export default defineCommand<Input, ContextFileSummary>({
  name: 'import-context',
  cmdlet: 'Import-MyContext',
  cmdletAliases: ['Import-MyProfile'],
  summary: 'Import contexts, their accounts and environments from a file save-context wrote.',
  description:
    'Reads the file whole and checks it (its kind and version, every account, context and environment, the environments\' endpoints by add-environment\'s rules) before changing anything: a bad, truncated or newer file is refused and nothing is imported. ' +
    'Contexts, accounts and environments with the same names are replaced. The file\'s default context becomes the default: for every new shell (CurrentUser, the default), or only this shell with --scope Process (the records are still stored, as every context is). ' +
    'No token comes with the file: commands then get tokens silently where the account\'s credential is found here (managed identity, a federated token file, AZURE_CLIENT_SECRET for a service principal); otherwise they say to run connect.',
  examples: [
    { description: 'Import the context an earlier CI step saved.', cli: 'myaccount import-context ./context.json', powershell: 'Import-MyContext -Path ./context.json' },
    { description: 'Use it in this shell only.', cli: 'eval "$(myaccount import-context ./context.json --scope Process --output env)"', powershell: 'Import-MyContext ./context.json -Scope Process' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Path'],
    properties: {
      Path: text('The file save-context wrote.', { position: 0, mandatory: true, path: true }, 4096),
      Scope: scope('Process: the imported default applies to this shell only. CurrentUser (default): to every new shell.'),
    },
  },
  output: contextFileSummary,
  outputType: 'MyAccount.ContextFile',
  table: [
    { header: 'Path', path: 'Path' },
    { header: 'DefaultContext', path: 'DefaultContext' },
  ],
  async handler(input, ctx) {
    const path = resolve(input.Path);
    let content: string;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      if (info.size > MAX_FILE_BYTES) throw fail.ContextFileInvalid(`${path} is ${info.size} bytes, far larger than any context file. Nothing was imported.`, { target: 'Path' });
      content = await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof MyAccountError) throw error;
      throw fail.ContextFileUnreadable(`Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Nothing was imported.`, { target: 'Path' });
    }
    const file = parseContextFile(content, path);
    const summary: ContextFileSummary = { Path: path, DefaultContext: file.defaultContext, Contexts: file.contexts.map((c) => c.name), Accounts: file.accounts.map((a) => a.id), Environments: file.environments.map((e) => e.Name) };
    await openProfile(ctx.configDir, ctx.clock).update((profile: Profile) => {
      let next = mergeContextFile(profile, file);
      if (file.defaultContext) next = makeDefault(next, file.defaultContext, input.Scope, ctx);
      else if (!next.defaultContext && next.contexts.length > 0) next = { ...next, defaultContext: next.contexts[0].name };
      return { next, result: undefined };
    });
    return summary;
  },
});
