/**
 * Whether a browser can open (a pure function of the environment and platform, as a table: the
 * Windows sessions with and without a desktop included, which only the variables tell apart), and
 * whether a failed launch is noticed. Windows' opener cannot run here; what `open` does there
 * (runs PowerShell's Start-Process and resolves once it closed, exit code unread) is stood in for
 * by a real child process that exits the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { browserAvailability, openBrowser, type SystemOpener } from '../../src/sign-in/browser-opener.js';

describe('browserAvailability', () => {
  type Row = [string, NodeJS.Platform, Record<string, string>, boolean, RegExp | null];
  const desktop = { SESSIONNAME: 'Console', USERNAME: 'alice' };
  const rows: Row[] = [
    // Windows
    ['win32: a console session', 'win32', desktop, true, null],
    ['win32: a Remote Desktop session', 'win32', { SESSIONNAME: 'RDP-Tcp#3', USERNAME: 'alice' }, true, null],
    ['win32: no SESSIONNAME (a service, a scheduled task, a WinRM shell)', 'win32', { USERNAME: 'alice' }, false, /no interactive desktop: SESSIONNAME is not set.*set BROWSER/],
    ['win32: the machine account (SYSTEM)', 'win32', { USERNAME: 'BUILD01$' }, false, /machine account BUILD01\$/],
    ['win32: the machine account even with a SESSIONNAME', 'win32', { SESSIONNAME: 'Console', USERNAME: 'BUILD01$' }, false, /machine account/],
    ['win32: PowerShell remoting (the module says so)', 'win32', { ...desktop, MYACCOUNT_PS_REMOTING: '1' }, false, /PowerShell remoting session/],
    ['win32: PowerShell remoting without a SESSIONNAME names remoting, the clearer reason', 'win32', { MYACCOUNT_PS_REMOTING: '1' }, false, /PowerShell remoting/],
    ['win32: OpenSSH server', 'win32', { ...desktop, SSH_CONNECTION: '10.0.0.2 50000 10.0.0.1 22', SSH_CLIENT: '10.0.0.2 50000 22' }, false, /SSH session/],
    ['win32: a CI job on a desktop agent', 'win32', { ...desktop, TF_BUILD: 'True' }, false, /CI job/],
    ['win32: BROWSER wins over a missing desktop', 'win32', { BROWSER: 'C:\\Program Files\\Mozilla Firefox\\firefox.exe' }, true, null],
    ['win32: MYACCOUNT_PS_REMOTING other than 1 is not a remoting session', 'win32', { ...desktop, MYACCOUNT_PS_REMOTING: '0' }, true, null],
    ['win32: DISPLAY means nothing on Windows', 'win32', { USERNAME: 'alice', DISPLAY: ':0' }, false, /SESSIONNAME/],
    // macOS
    ['darwin: a person at the Mac', 'darwin', {}, true, null],
    ['darwin: SSH', 'darwin', { SSH_TTY: '/dev/ttys001' }, false, /SSH session/],
    ['darwin: PowerShell remoting over SSH', 'darwin', { MYACCOUNT_PS_REMOTING: '1' }, false, /PowerShell remoting/],
    ['darwin: CI', 'darwin', { GITHUB_ACTIONS: 'true' }, false, /CI job/],
    // Linux
    ['linux: X11', 'linux', { DISPLAY: ':0' }, true, null],
    ['linux: Wayland', 'linux', { WAYLAND_DISPLAY: 'wayland-0' }, true, null],
    ['linux: WSL', 'linux', { WSL_DISTRO_NAME: 'Ubuntu' }, true, null],
    ['linux: no display', 'linux', {}, false, /no display/],
    ['linux: SESSIONNAME means nothing off Windows', 'linux', { SESSIONNAME: 'Console' }, false, /no display/],
    ['linux: BROWSER', 'linux', { BROWSER: 'firefox' }, true, null],
    ['linux: CI=false is not CI', 'linux', { CI: 'false', DISPLAY: ':0' }, true, null],
  ];
  test.each(rows)('%s', (_name, platform, env, available, reason) => {
    const a = browserAvailability(env, platform);
    expect(a.available).toBe(available);
    if (reason) expect(a.reason).toMatch(reason);
    else expect(a.reason).toBeUndefined();
  });
});

/** A child that runs `code` in node: a real process with a real exit code. */
function node(code: string): ChildProcess {
  return spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
}

/** `open` as it behaves on Windows: resolves with the launcher only after it closed. */
function windowsOpen(code: string, seen: string[] = []): SystemOpener {
  return (target) => {
    seen.push(target);
    const child = node(code);
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', () => resolve(child));
    });
  };
}

/** `open` as it behaves on Linux: resolves with the launcher as soon as it spawned. */
function linuxOpen(code: string): SystemOpener {
  return () => {
    const child = node(code);
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve(child));
    });
  };
}

const URL = 'https://login.example/authorize?client_id=x&state=y';

describe('openBrowser notices a launch that failed', () => {
  test("Windows: Start-Process failing (PowerShell exits 1) rejects, naming Windows' opener and the code", async () => {
    const seen: string[] = [];
    await expect(openBrowser(URL, {}, { platform: 'win32', open: windowsOpen('process.exit(1)', seen) })).rejects.toThrow(
      "Windows' opener (PowerShell's Start-Process) exited with code 1",
    );
    expect(seen).toEqual([URL]);
  });

  test('Windows: Start-Process succeeding (exit 0) resolves', async () => {
    await expect(openBrowser(URL, {}, { platform: 'win32', open: windowsOpen('process.exit(0)') })).resolves.toBeUndefined();
  });

  test('Windows: powershell.exe missing (open rejects with ENOENT) rejects', async () => {
    const missing: SystemOpener = () => Promise.reject(Object.assign(new Error('spawn C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe ENOENT'), { code: 'ENOENT' }));
    await expect(openBrowser(URL, {}, { platform: 'win32', open: missing })).rejects.toThrow(/could not start \(spawn .*powershell\.exe ENOENT\)/);
  });

  test('Windows: an opener that never settles does not hold the sign-in beyond the window', async () => {
    const started = Date.now();
    await expect(openBrowser(URL, {}, { platform: 'win32', open: () => new Promise<ChildProcess>(() => undefined), windowMs: 200 })).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('an opener that exits non-zero after spawning (xdg-open finding no browser) rejects', async () => {
    await expect(openBrowser(URL, {}, { platform: 'linux', open: linuxOpen('setTimeout(() => process.exit(3), 100)') })).rejects.toThrow('the opener (xdg-open) exited with code 3');
  });

  test('a launcher still running at the end of the window counts as opened', async () => {
    const started = Date.now();
    let child: ChildProcess | undefined;
    const open: SystemOpener = async (target, options) => (child = await linuxOpen('setTimeout(() => {}, 10000)')(target, options));
    await expect(openBrowser(URL, {}, { platform: 'linux', open, windowMs: 300 })).resolves.toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    child?.kill();
  });

  test('BROWSER: a command that exits non-zero rejects, naming the command and not the address', async () => {
    const error = await openBrowser(URL, { BROWSER: 'false' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('the browser command false (BROWSER) exited with code 1');
  });

  test('BROWSER: a command that does not exist rejects', async () => {
    await expect(openBrowser(URL, { BROWSER: '/nonexistent/browser --new-window' })).rejects.toThrow(/the browser command \/nonexistent\/browser \(BROWSER\) could not start \(spawn \/nonexistent\/browser ENOENT\)/);
  });

  test('BROWSER: a command that exits 0 resolves at once', async () => {
    const started = Date.now();
    await expect(openBrowser(URL, { BROWSER: 'true' })).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
