/**
 * The HTTP client every sign-in and ARM call of one command uses: Node's trust store for the
 * world, and the local cloud's own CA for the local cloud's origin only, when it is running.
 */
import { readFile } from 'node:fs/promises';
import type { CommandContext } from '../core/context.js';
import { emulatorDir, readInstance } from '../local-cloud/index.js';
import { HttpClient, type TrustedOrigin } from './http-client.js';

export async function createTransport(ctx: Pick<CommandContext, 'configDir' | 'fetch'> & { report?: CommandContext['report'] }): Promise<HttpClient> {
  const trusted: TrustedOrigin[] = [];
  const instance = readInstance(emulatorDir(ctx));
  if (instance) {
    try {
      trusted.push({ origin: instance.url, caPem: await readFile(instance.caCertPath, 'utf8') });
    } catch {
      // A CA that vanished means TLS to the local cloud fails with its own clear error later.
    }
  }
  const debug = ctx.report?.debugEnabled ? (line: string) => ctx.report!.debug(line) : undefined;
  return new HttpClient(trusted, ctx.fetch, debug);
}
