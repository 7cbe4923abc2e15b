// Bundled in place of node:assert for signal-exit (see the lean-dependencies plugin in
// build.mjs). Its one use is assert.equal(typeof cb, 'function', message) when a handler is added;
// node:assert's first load also builds process.stderr as a stream (to choose error colours),
// ~5 ms that a command with nothing to say on stderr never pays otherwise (core/stdio.ts makes
// process.stderr only when something is written to it).
module.exports = {
  equal(actual, expected, message) {
    if (actual != expected) throw new Error(message);
  },
};
