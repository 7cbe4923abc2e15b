/**
 * exec: starts the identity endpoint for the context, runs the command with its variables, passes
 * signals on, and ends the endpoint the moment the command ends. The endpoint's secret header goes
 * to the child in its environment only: argv is visible to every user of the machine (ps).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { CommandContext } from '../../core/context.js';
import { fail } from '../../core/errors.js';
import { printable } from '../../core/validate.js';
import { ContextTokens } from '../../credentials/context-tokens.js';
import { startIdentityEndpoint } from './identity-endpoint.js';
import type { ExecInput, ExecResult } from './types.js';

/**
 * Variables that make an Azure SDK choose another credential, or another managed identity source,
 * before App Service's: removed so the command gets the context exec was asked for.
 */
export const CREDENTIAL_VARIABLES = [
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_USERNAME',
  'AZURE_PASSWORD',
  'AZURE_TOKEN_CREDENTIALS',
  'MSI_ENDPOINT',
  'MSI_SECRET',
  'IMDS_ENDPOINT',
  'IDENTITY_SERVER_THUMBPRINT',
];

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Resolves when the child runs, rejects with exec's own error when it could not start. */
function started(child: ChildProcess, program: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) => {
      const name = printable(program);
      if (error.code === 'ENOENT') reject(fail.ExecCommandNotFound(`exec could not find the command "${name}" (not on PATH, or no such file).`, { target: 'Command' }));
      else reject(fail.ExecCommandNotStarted(`exec could not start "${name}" (${error.code ?? 'error'}): check that it is an executable file.`, { target: 'Command' }));
    });
  });
}

export async function runExec(input: ExecInput, ctx: CommandContext): Promise<ExecResult> {
  // Token work lives as long as the command, not until the first Ctrl+C: the command may handle
  // SIGINT and go on asking for tokens.
  const lifetime = new AbortController();
  const tokenCtx: CommandContext = { ...ctx, signal: lifetime.signal, interactive: false };
  const tokens = await ContextTokens.open(tokenCtx, { contextName: input.ContextName, tenantId: input.TenantId });
  const which = input.ContextName !== undefined ? ` (context ${input.ContextName})` : '';
  const endpoint = await startIdentityEndpoint({
    tokens,
    report: ctx.report,
    signInHint: `Sign in again with Connect-MyAccount (PowerShell) or myaccount connect${which}, then run the command again.`,
  }).catch(async (error) => {
    await tokens.close();
    throw error;
  });

  const env: NodeJS.ProcessEnv = { ...ctx.env };
  const removed = CREDENTIAL_VARIABLES.filter((name) => env[name] !== undefined);
  for (const name of CREDENTIAL_VARIABLES) delete env[name];
  env.IDENTITY_ENDPOINT = endpoint.url;
  env.IDENTITY_HEADER = endpoint.header;
  if (tokens.tenant) env.AZURE_TENANT_ID = tokens.tenant;
  else delete env.AZURE_TENANT_ID;
  // Only for the context's own tenant: its subscription belongs there.
  const subscription = tokens.context.subscription?.id;
  const contextTenant = tokens.context.tenant?.id;
  const sameTenant = !tokens.tenant || !contextTenant || tokens.tenant.toLowerCase() === contextTenant.toLowerCase();
  if (subscription && sameTenant) env.AZURE_SUBSCRIPTION_ID = subscription;
  else delete env.AZURE_SUBSCRIPTION_ID;
  if (removed.length > 0) ctx.report.verbose(`exec: removed ${removed.join(', ')} from the command's environment, so its SDKs use this context.`);
  ctx.report.verbose(`exec: tokens of ${tokens.account.id} in tenant ${tokens.tenant ?? '(home)'} at ${endpoint.url}.`);

  const [program, ...args] = input.Command;
  const child = spawn(program, args, { stdio: 'inherit', env, windowsHide: false });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  const cleanUp = async (): Promise<void> => {
    for (const signal of FORWARDED_SIGNALS) process.removeListener(signal, forward);
    lifetime.abort();
    await endpoint.close();
    await tokens.close();
  };
  try {
    await started(child, program);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  const { code, signal } = await exited;
  await cleanUp();
  if (code !== null) return { exitCode: code };
  const number = signal ? constants.signals[signal] : undefined;
  return { exitCode: 128 + (number ?? 0) };
}
