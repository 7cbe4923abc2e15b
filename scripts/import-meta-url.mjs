// Injected by scripts/build.mjs into the CLI's CommonJS chunks that read import.meta.url (which
// CommonJS lacks): the chunk's own file URL, as it was when the chunk was an ES module.
import { pathToFileURL } from 'node:url';

export const import_meta_url = /* @__PURE__ */ pathToFileURL(__filename).toString();
