// Injected by scripts/build.mjs into the CLI's CommonJS chunks that read import.meta.url (which
// CommonJS lacks): the chunk's own file URL, as it was when the chunk was an ES module. A getter,
// so a chunk that only might need it (src/cli.ts, for the broker) does not work it out at start.
import { pathToFileURL } from 'node:url';

export const import_meta = /* @__PURE__ */ Object.defineProperty({}, 'url', { get: () => pathToFileURL(__filename).href });
