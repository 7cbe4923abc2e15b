// Run in a child process by token-cache.test.ts: opens the token cache, writes or reads it, and
// prints what it saw as one JSON line. argv: <configDir> <allowPlaintext> <write|read> [contents]
import { openTokenCache } from '../../src/token-cache/token-cache.js';
import { createReporter } from '../../src/core/reporter.js';

const [configDir, allowPlaintext, mode, contents] = process.argv.slice(2);
const warnings: string[] = [];
const report = createReporter({ format: 'jsonl', verbose: false, debug: false, write: (line) => void warnings.push(JSON.parse(line).message) });
try {
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
