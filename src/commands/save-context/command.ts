/**
 * save-context (Save-MyContext): the default context, a named one or all, with their accounts
 * and user-defined environments, to a JSON file another state folder can import. Never a token
 * or secret; see profile/context-file.ts for why and what the importer does instead.
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineCommand, type JsonSchema } from '../../core/command.js';
import { fail } from '../../core/errors.js';
import { writeUserFileAtomically } from '../../profile/atomic-write.js';
import { buildContextFile } from '../../profile/context-file.js';
import { requireContext, resolveDefault } from '../../profile/contexts.js';
import { loadProfile } from '../../profile/profile.js';
import { flag, text } from '../schema/common.js';

interface Input {
  Path: string;
  Name?: string;
  All?: boolean;
  Force?: boolean;
}

export interface ContextFileSummary {
  Path: string;
  DefaultContext: string | null;
  Contexts: string[];
  Accounts: string[];
  Environments: string[];
}

export const contextFileSummary: JsonSchema = {
  type: 'object',
  properties: {
    Path: { type: 'string' },
    DefaultContext: { type: ['string', 'null'], description: 'The context the file makes the default (save: the one saved as default).' },
    Contexts: { type: 'array', items: { type: 'string' } },
    Accounts: { type: 'array', items: { type: 'string' } },
    Environments: { type: 'array', items: { type: 'string' }, description: 'User-defined environments the contexts need.' },
  },
  required: ['Path', 'DefaultContext', 'Contexts', 'Accounts', 'Environments'],
};

export default defineCommand<Input, ContextFileSummary>({
  name: 'save-context',
  cmdlet: 'Save-MyContext',
  cmdletAliases: ['Save-MyProfile'],
  summary: 'Save the default context, a named one or all of them to a file another state folder can import.',
  description:
    'Writes a JSON file (mode 0600) with the contexts, the accounts they use and the user-defined environments they need, for import-context in another state folder: a later CI step, another machine. ' +
    'Without --name or --all it saves the default context. The file never holds a token, refresh token, secret or certificate password, so it is safe in a build artifact; ' +
    'after the import, an account gets tokens silently only where its credential is found again (managed identity, a federated token file, AZURE_CLIENT_SECRET), otherwise connect signs it in.',
  examples: [
    { description: 'Save the default context for the next CI step.', cli: 'myaccount save-context ./context.json', powershell: 'Save-MyContext -Path ./context.json' },
    { description: 'Save every context, replacing an older file.', cli: 'myaccount save-context ./all.json --all --force', powershell: 'Save-MyContext -Path ./all.json -All -Force' },
  ],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Path'],
    properties: {
      Path: text('The file to write.', { position: 0, mandatory: true, path: true }, 4096),
      Name: text('Save this context instead of the default one.', { sets: ['ByName'], mandatory: ['ByName'], completer: 'Context' }),
      All: flag('Save every context (the default stays the default).', { sets: ['All'], mandatory: ['All'] }),
      Force: flag('Overwrite the file if it exists.', { sets: ['Default', 'ByName', 'All'] }),
    },
  },
  defaultParameterSet: 'Default',
  validate(input) {
    if (input.Name !== undefined && input.All) throw fail.ParameterSetConflict('Give either Name (--name) or All (--all), not both.', { target: 'All' });
  },
  output: contextFileSummary,
  outputType: 'MyAccount.ContextFile',
  table: [
    { header: 'Path', path: 'Path' },
    { header: 'DefaultContext', path: 'DefaultContext' },
  ],
  async handler(input, ctx) {
    const path = resolve(input.Path);
    const profile = await loadProfile(ctx);
    const current = resolveDefault(profile, ctx.env);
    let contexts;
    let defaultName: string | null;
    if (input.All) {
      contexts = profile.contexts;
      defaultName = current?.context.name ?? null;
    } else if (input.Name !== undefined) {
      const context = requireContext(profile, input.Name);
      contexts = [context];
      defaultName = context.name;
    } else {
      if (!current) throw fail.SignInRequired('There is no default context to save. Run myaccount connect, or give --name or --all.', { target: 'Name' });
      contexts = [current.context];
      defaultName = current.context.name;
    }
    if (contexts.length === 0) throw fail.ContextNotFound('There are no contexts to save. Run myaccount connect first.', { target: 'All' });
    const exists = await access(path).then(() => true, () => false);
    if (exists && !input.Force) throw fail.FileExists(`${path} already exists. Add --force to overwrite it, or choose another path.`, { target: 'Path' });
    const file = buildContextFile(profile, contexts, defaultName, ctx.clock.now());
    try {
      await writeUserFileAtomically(path, JSON.stringify(file, null, 2) + '\n');
    } catch (error) {
      throw fail.ExportFailed(`Could not write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the folder exists and you can write to it.`, { target: 'Path', cause: error });
    }
    return { Path: path, DefaultContext: defaultName, Contexts: file.contexts.map((c) => c.name), Accounts: file.accounts.map((a) => a.id), Environments: file.environments.map((e) => e.Name) };
  },
});
