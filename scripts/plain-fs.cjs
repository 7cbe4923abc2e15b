// Bundled in place of graceful-fs for proper-lockfile (see the lean-dependencies plugin in
// build.mjs): the lock's own calls are mkdir, stat, utimes and rmdir on one folder, which need
// none of graceful-fs's queueing of opens on EMFILE, and none of its patches to the whole process.
module.exports = require('node:fs');
