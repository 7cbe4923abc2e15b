/**
 * The HTML a person sees: the sign-in page, the MFA step, the device-code pages, the form that
 * hands the result back to the app, and error pages. Plain, labelled, usable by keyboard and
 * screen reader; every interpolated value goes through `esc`.
 */
import { randomBytes } from 'node:crypto';

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface Page {
  html: string;
  headers: Record<string, string>;
}

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; background: #f2f2f2; color: #1b1b1b; margin: 0; }
  main { max-width: 26rem; margin: 3rem auto; background: #fff; padding: 2rem 2.5rem; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 1.5rem; font-weight: 600; margin: 0 0 1rem; }
  p.banner { font-size: .8rem; color: #555; margin: 0 0 1.25rem; }
  label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
  input[type=text], input[type=email], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 1px solid #666; }
  input:focus, button:focus { outline: 3px solid #0067b8; outline-offset: 1px; }
  .actions { margin-top: 1.5rem; display: flex; gap: .75rem; justify-content: flex-end; }
  button { padding: .5rem 1.5rem; font-size: 1rem; border: 1px solid #0067b8; background: #0067b8; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #1b1b1b; border-color: #666; }
  .error { color: #a80000; background: #fde7e9; padding: .5rem .75rem; margin: 1rem 0 0; }
  code { font-size: .85rem; word-break: break-all; }
`;

function layout(title: string, body: string, opts: { scriptNonce?: string; formActions?: string } = {}): Page {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    opts.scriptNonce ? `script-src 'nonce-${opts.scriptNonce}'` : "script-src 'none'",
    `form-action 'self'${opts.formActions ? ' ' + opts.formActions : ''}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="banner">MyAccount local cloud — an emulator, not Microsoft</p>
${body}
</main>
</body>
</html>
`;
  return { html, headers: { 'Content-Security-Policy': csp, 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' } };
}

/** The origin a CSP source list names for a URI; undefined for one that does not parse. */
export function originOf(uri: string): string | undefined {
  try {
    const origin = new URL(uri).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    // Callers validate redirect URIs first; an unparsable one only loses the CSP allowance.
    return undefined;
  }
}

function errorBlock(message?: string): string {
  return message ? `<p class="error" role="alert" id="error">${esc(message)}</p>` : '';
}

/**
 * `redirectOrigin`: the origin of the app's registered loopback redirect URI. The sign-in and
 * MFA forms post here, and in query or fragment mode the answer is a 302 to the app; Chromium
 * checks form-action against that redirect too, so the app's origin must be allowed.
 */
export function signInPage(a: { action: string; ctx: string; appName: string; tenantName?: string; username?: string; error?: string; redirectOrigin?: string }): Page {
  const described = a.error ? ' aria-describedby="error"' : '';
  return layout('Sign in to your account', `
<h1>Sign in</h1>
<p>to continue to <strong>${esc(a.appName)}</strong>${a.tenantName ? ` (${esc(a.tenantName)})` : ''}</p>
${errorBlock(a.error)}
<form method="post" action="${esc(a.action)}">
<input type="hidden" name="ctx" value="${esc(a.ctx)}">
<label for="login">Email or username</label>
<input type="email" id="login" name="login" autocomplete="username" required value="${esc(a.username)}"${described}${a.username ? '' : ' autofocus'}>
<label for="passwd">Password</label>
<input type="password" id="passwd" name="passwd" autocomplete="current-password" required${described}${a.username ? ' autofocus' : ''}>
<div class="actions">
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
<button type="submit" name="action" value="signin" id="signin">Sign in</button>
</div>
</form>`, { formActions: a.redirectOrigin });
}

export function mfaPage(a: { action: string; ctx: string; username: string; appName: string; redirectOrigin?: string }): Page {
  return layout('Approve sign in request', `
<h1>Approve sign in request</h1>
<p><strong>${esc(a.username)}</strong>: your organization requires multi-factor authentication to sign in to <strong>${esc(a.appName)}</strong>.</p>
<p>In the local cloud, approving below stands in for the authenticator app.</p>
<form method="post" action="${esc(a.action)}">
<input type="hidden" name="ctx" value="${esc(a.ctx)}">
<div class="actions">
<button type="submit" name="action" value="cancel" class="secondary">Deny</button>
<button type="submit" name="action" value="approve" id="approve">Approve</button>
</div>
</form>`, { formActions: a.redirectOrigin });
}

/** Hands the result to the app's redirect URI by an auto-submitting POST (response_mode=form_post). */
export function formPostPage(redirectUri: string, fields: Record<string, string | undefined>): Page {
  const nonce = randomBytes(12).toString('base64');
  const inputs = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n');
  return layout('Working...', `
<h1>Signing you in</h1>
<form method="post" action="${esc(redirectUri)}" id="result">
${inputs}
<noscript><p>Script is off; continue by hand.</p><div class="actions"><button type="submit">Continue</button></div></noscript>
</form>
<script nonce="${nonce}">document.getElementById('result').submit();</script>`, { scriptNonce: nonce, formActions: originOf(redirectUri) });
}

export function errorPage(a: { title: string; message: string; code?: number; traceId: string; correlationId: string; timestamp: string }): Page {
  return layout(a.title, `
<h1>${esc(a.title)}</h1>
<p role="alert">${a.code ? `AADSTS${esc(a.code)}: ` : ''}${esc(a.message)}</p>
<dl>
<dt>Request Id</dt><dd><code>${esc(a.traceId)}</code></dd>
<dt>Correlation Id</dt><dd><code>${esc(a.correlationId)}</code></dd>
<dt>Timestamp</dt><dd><code>${esc(a.timestamp)}</code></dd>
</dl>`);
}

export function deviceCodeEntryPage(a: { action: string; error?: string; code?: string }): Page {
  return layout('Enter code', `
<h1>Enter code</h1>
<p>Enter the code displayed on your app or device.</p>
${errorBlock(a.error)}
<form method="post" action="${esc(a.action)}">
<label for="otc">Code</label>
<input type="text" id="otc" name="otc" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" required value="${esc(a.code)}"${a.error ? ' aria-describedby="error"' : ''} autofocus>
<div class="actions"><button type="submit" id="next">Next</button></div>
</form>`);
}

export function messagePage(title: string, message: string): Page {
  return layout(title, `<h1>${esc(title)}</h1>\n<p role="status">${esc(message)}</p>`);
}

export function indexPage(baseUrl: string, tenants: { id: string; displayName: string; defaultDomain: string }[]): Page {
  const rows = tenants
    .slice(0, 50)
    .map((t) => `<li>${esc(t.displayName)}: <code>${esc(t.id)}</code> (${esc(t.defaultDomain)})</li>`)
    .join('\n');
  return layout('MyAccount local cloud', `
<h1>MyAccount local cloud</h1>
<p>An Entra ID and Azure Resource Manager emulator for offline sign-in and tests.</p>
<p>Authority: <code>${esc(baseUrl)}/{tenant}</code>. Resource Manager: <code>${esc(baseUrl)}/</code>.</p>
<p><a href="${esc(baseUrl)}/devicelogin">Device login</a></p>
<h2>Tenants</h2>
<ul>
${rows}
</ul>`);
}
