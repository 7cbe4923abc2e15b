// What the test suite needs from the machine it runs on, in one place: the browser, and the
// suites that cannot apply on a platform (jest.config.cjs leaves them out by name, with why).
// Everything else runs on Linux, macOS and Windows alike.

/** Chromium for the sign-in page tests: CHROMIUM_PATH, else where each platform keeps it. */
function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (process.platform === 'darwin') return '/Applications/Chromium.app/Contents/MacOS/Chromium';
  if (process.platform === 'win32') return `${process.env.PROGRAMFILES ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`;
  return '/usr/bin/chromium';
}

const PTY = 'needs a pseudo-terminal (util-linux or BSD script), which Windows has no equivalent of here';
const LINUX_DBUS = 'needs D-Bus with gnome-keyring or the Linux identity broker (msal-node-runtime over D-Bus)';
const DEBIAN_CLIENTS = "runs Debian's azure-cli and python3-msal packages";

/** Suites left out on a platform, by path prefix under the repository, and why. */
const NOT_ON = {
  win32: {
    'test/powershell/interactive': PTY,
    'test/powershell/picker': PTY,
    'test/connect/flows-picker': PTY,
    'test/connect/secret-prompt': PTY,
    'test/reliability/connect-keyring': LINUX_DBUS,
    'test/broker/': LINUX_DBUS,
    'test/emulator/broker-double': LINUX_DBUS,
    'test/emulator/azure-cli': DEBIAN_CLIENTS,
    'test/emulator/msal-python': DEBIAN_CLIENTS,
    'test/reliability/state-links': 'makes symbolic links, which need Developer Mode or an elevated shell on Windows',
    'test/reliability/state-validation': 'checks POSIX folder modes and owners, which Windows does not have (its ACLs protect the folder)',
  },
  darwin: {
    'test/reliability/connect-keyring': LINUX_DBUS,
    'test/broker/': LINUX_DBUS,
    'test/emulator/broker-double': LINUX_DBUS,
    'test/emulator/azure-cli': DEBIAN_CLIENTS,
    'test/emulator/msal-python': DEBIAN_CLIENTS,
  },
};

const notHere = NOT_ON[process.platform] ?? {};

module.exports = { chromiumPath, notHere };
