/**
 * `myaccount logout [--username]`: az logout over disconnect (tokens, kept secrets and contexts
 * of the account go). Prints null, as az prints nothing. CLI-only.
 */
import { defineCommand } from '../../core/command.js';
import disconnect from '../disconnect/command.js';
import { text } from '../schema/common.js';

export default defineCommand<{ Username?: string }, null>({
  name: 'logout',
  summary: 'Sign the current account (or --username) out, as az logout does.',
  description: 'disconnect, spelled as az logout: without --username the account of the default context, else that account. Its tokens, kept secrets and contexts are removed. Prints null.',
  examples: [{ description: 'Sign out the current account.', cli: 'myaccount logout', powershell: '' }],
  input: { type: 'object', additionalProperties: false, properties: { Username: text('The account to sign out: a user name or application id.', { flagAliases: ['u'] }) } },
  output: { type: 'null' },
  outputType: 'MyAccount.AzNothing',
  confirmImpact: 'Medium',
  async handler(input, ctx) {
    await disconnect.handler(input.Username !== undefined ? { Username: input.Username } : {}, ctx);
    return null;
  },
});
