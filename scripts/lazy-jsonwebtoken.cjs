// Bundled in place of jsonwebtoken for MSAL Node (see the lean-dependencies plugin in build.mjs).
// MSAL uses it only to sign a client assertion (a certificate's sign-in, ClientAssertion.sign);
// imported at the top of MSAL, it was evaluated, with jws, semver and its lodash helpers, by every
// command that loads MSAL (~4.5 ms). Here it is required on the first signature instead.
module.exports = {
  sign: (...args) => require('jsonwebtoken').sign(...args),
};
