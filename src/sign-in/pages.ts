/** What the browser shows when MSAL's loopback receives the sign-in answer. */
const style = 'font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;line-height:1.5;color:#1b1b1b';

export function successPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>MyAccount: signed in</title></head><body style="${style}"><h1>You are signed in</h1><p>MyAccount has your sign-in. You can close this tab and return to your terminal.</p></body></html>`;
}

export function errorPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>MyAccount: sign-in failed</title></head><body style="${style}"><h1>Sign-in did not complete</h1><p>Return to your terminal: MyAccount shows what went wrong and what to do next.</p></body></html>`;
}
