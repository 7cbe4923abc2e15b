/** Reads an ARM /metadata/endpoints document to describe a cloud. */
import type { CommandContext } from '../core/context.js';
import { fail, MyAccountError } from '../core/errors.js';
import type { EnvironmentRecord } from '../profile/environment-types.js';
import { checkEndpointUrl, environmentFromArmMetadata } from '../profile/environments.js';

const TIMEOUT_MS = 15000;
const MAX_BYTES = 512 * 1024;

export async function fetchArmMetadataEnvironment(name: string, armEndpoint: string, ctx: CommandContext): Promise<EnvironmentRecord> {
  checkEndpointUrl('ARMEndpoint', armEndpoint);
  const base = armEndpoint.endsWith('/') ? armEndpoint : `${armEndpoint}/`;
  const url = `${base}metadata/endpoints?api-version=2022-09-01`;
  ctx.report.verbose(`GET ${url}`);
  const failed = (why: string, cause?: unknown): MyAccountError =>
    fail.ArmMetadataUnavailable(`Could not read the cloud's metadata from ${url}: ${why}. Check --arm-endpoint, or give the endpoints one by one.`, { target: 'ARMEndpoint', cause });
  let body: string;
  // The local cloud's own CA is trusted for its origin, so it can be added like any other cloud.
  const { createTransport } = await import('../http/transport.js');
  const http = await createTransport(ctx);
  try {
    const response = await http.fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(TIMEOUT_MS)]) });
    if (response.status !== 200) throw failed(`the server answered HTTP ${response.status}`);
    body = await response.text();
  } catch (error) {
    if (error instanceof MyAccountError) throw error;
    const reason = (error as Error)?.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : ((error as { cause?: { code?: string } })?.cause?.code ?? 'the connection failed');
    throw failed(reason, error);
  } finally {
    http.close();
  }
  if (body.length > MAX_BYTES) throw failed('the document is too large');
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    throw failed('the answer is not JSON');
  }
  return environmentFromArmMetadata(name, armEndpoint, document);
}
