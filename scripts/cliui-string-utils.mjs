// Bundled in place of cliui's ESM string helpers, whose wrap breaks lines every N characters,
// mid-word ("a se|rvice principal"). yargs' CommonJS build wraps with wrap-ansi at word
// boundaries; --help should read the same in the bundle.
import wrapAnsi from 'wrap-ansi';
import stripAnsi from 'strip-ansi';

export { stripAnsi };

export function wrap(text, width) {
  return wrapAnsi(text, width, { hard: true });
}
