/**
 * A service principal signs in with a client secret, a certificate, or a federated token (read
 * again from its file whenever MSAL needs a new assertion). The first token is fetched past the
 * cache, so a wrong or expired credential fails here rather than in a later command.
 */
import { resolve as resolvePath } from 'node:path';
import { loadCertificate } from '../credentials/certificate.js';
import { readFederatedToken } from '../credentials/federated-token.js';
import { ServicePrincipalCredential } from '../credentials/service-principal-credential.js';
import { armResource } from '../profile/endpoints.js';
import type { PlanOf, SignedIn, SignInFlow, SignInRequest } from './types.js';

export async function signInServicePrincipal(r: SignInRequest, plan: PlanOf<'secret' | 'certificate' | 'federated'>): Promise<SignedIn> {
  const { session, ctx } = r;
  const arm = armResource(session.environment);
  let credential: ServicePrincipalCredential;
  const properties: Record<string, string> = { homeTenantId: plan.tenant };
  const secrets: SignedIn['secrets'] = [];
  let flow: SignInFlow;
  if (plan.kind === 'secret') {
    credential = new ServicePrincipalCredential(session, plan.appId, plan.tenant, { kind: 'secret', secret: plan.secret });
    secrets.push({ kind: 'ClientSecret', value: plan.secret });
    flow = 'ClientSecret';
  } else if (plan.kind === 'certificate') {
    const certificate = await loadCertificate(plan.path, plan.password);
    if (certificate.notAfter.getTime() < ctx.clock.now().getTime()) ctx.report.warning(`The certificate ${plan.path} expired on ${certificate.notAfter.toISOString()}; Microsoft Entra ID will refuse it.`);
    credential = new ServicePrincipalCredential(session, plan.appId, plan.tenant, { kind: 'certificate', certificate: { thumbprintSha256: certificate.thumbprintSha256, privateKey: certificate.privateKey, x5c: plan.sendChain ? certificate.x5c : undefined } });
    // Kept absolute: later commands run from other folders.
    properties.certificatePath = resolvePath(plan.path);
    if (plan.sendChain) properties.sendCertificateChain = 'true';
    if (plan.password) secrets.push({ kind: 'CertificatePassword', value: plan.password });
    flow = 'Certificate';
  } else {
    const tokenFile = plan.tokenFile;
    const literal = plan.token;
    // A file is read again whenever MSAL needs a new assertion: CI systems rotate it (Az.Accounts #17346).
    const assertion = tokenFile ? () => readFederatedToken(tokenFile) : async () => literal!;
    credential = new ServicePrincipalCredential(session, plan.appId, plan.tenant, { kind: 'assertion', assertion }, 'ClientAssertion');
    if (tokenFile) properties.federatedTokenFile = resolvePath(tokenFile);
    else secrets.push({ kind: 'FederatedToken', value: literal! });
    flow = 'FederatedToken';
  }
  if (plan.fromEnvironment) properties.fromEnvironment = 'true';
  // Past the cache: a token cached by an earlier connect must not vouch for a wrong or expired credential.
  await credential.getToken(r.firstResource ?? arm, plan.tenant, { forceRefresh: true });
  return { credential, accountId: plan.appId, type: credential.type, properties, flow, secrets };
}
