// Run in a child process by token-cache.test.ts: opens the token cache, writes or reads it, and
// prints what it saw as one JSON line. argv: <configDir> <allowPlaintext> <write|read> [contents]
// or, for the kept secrets: <configDir> - <secret-save|secret-load|secret-remove> [value]
import { openSecretStore } from '../../src/token-cache/secret-store.js';
import { openTokenCache } from '../../src/token-cache/token-cache.js';
import { createReporter } from '../../src/core/reporter.js';

const [configDir, allowPlaintext, mode, contents] = process.argv.slice(2);
const warnings: string[] = [];
const report = createReporter({ format: 'jsonl', verbose: false, debug: false, write: (line) => void warnings.push(JSON.parse(line).message) });
const key = { environment: 'LocalCloud', accountId: 'app-1', kind: 'ClientSecret' } as const;
try {
  if (mode.startsWith('secret-')) {
    const store = await openSecretStore(configDir, 5000);
    if (mode === 'secret-save') await store.save(key, contents);
    if (mode === 'secret-remove') await store.removeAccount(key.environment, key.accountId);
    console.log(JSON.stringify({ available: store.available, seen: await store.load(key) }));
    process.exit(0);
  }
  const cache = await openTokenCache({ configDir, allowPlaintext: allowPlaintext === 'true', report, timeoutMs: 5000 });
  let seen = '';
  const context = {
    cacheHasChanged: mode === 'write',
    tokenCache: { serialize: () => contents ?? '', deserialize: (text: string) => void (seen = text) },
  };
  await cache.plugin.beforeCacheAccess(context as never);
  await cache.plugin.afterCacheAccess(context as never);
  console.log(JSON.stringify({ store: cache.store, seen, warnings }));
} catch (error) {
  const e = error as { code?: string; category?: string; target?: string; message?: string };
  console.log(JSON.stringify({ error: { code: e.code, category: e.category, target: e.target, message: e.message }, warnings }));
}
