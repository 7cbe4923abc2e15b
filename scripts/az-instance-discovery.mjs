// Lets Debian's az 2.45 use the local cloud's Entra-style authority (every tenant) offline, for the
// connect benchmark's side-by-side figure. Its MSAL Python validates any authority it does not know
// by asking https://login.microsoftonline.com/common/discovery/instance, with no switch to skip it
// (az 2.45 predates core.instance_discovery), and that host is out of reach here. So az gets an
// HTTPS_PROXY on 127.0.0.1 that answers CONNECT for that one host only: it terminates TLS with a
// certificate from a throwaway CA (in memory; az trusts it through its own REQUESTS_CA_BUNDLE for
// this run) and passes GET /common/discovery/instance to the local cloud's own instance discovery,
// so the answer and its added latency are the local cloud's, as Entra's would be. Every other
// CONNECT is refused, so nothing leaves the machine; the local cloud itself is reached directly
// (NO_PROXY=127.0.0.1). The local cloud's CA is not used for the public name: it never signs one.
import http from 'node:http';
import https from 'node:https';
import { TLSSocket } from 'node:tls';

const HOST = 'login.microsoftonline.com';
const PATH = '/common/discovery/instance';

/**
 * Starts the proxy for a running local cloud ({ url, caPem }). Resolves with its URL, the PEM of
 * the throwaway CA az must trust beside the local cloud's, a count of discovery answers, and stop().
 */
export async function startInstanceDiscoveryProxy(cloud, makeStandInCertificates) {
  const { caPem, certPem, keyPem } = makeStandInCertificates([HOST]);
  const agent = new https.Agent({ ca: cloud.caPem, keepAlive: true });
  let answered = 0;

  // Plain HTTP inside the tunnel, after this process has done the TLS.
  const inner = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `https://${HOST}`);
    if (req.method !== 'GET' || url.pathname !== PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`only GET ${PATH} is answered here\n`);
      return;
    }
    https
      .get(`${cloud.url}${PATH}${url.search}`, { agent }, (upstream) => {
        answered++;
        res.writeHead(upstream.statusCode ?? 502, { 'content-type': upstream.headers['content-type'] ?? 'application/json' });
        upstream.pipe(res);
      })
      .on('error', (e) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`the local cloud did not answer: ${e.message}\n`));
  });

  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  const sockets = new Set();
  proxy.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  proxy.on('connect', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (req.url !== `${HOST}:443`) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    const secure = new TLSSocket(socket, { isServer: true, key: keyPem, cert: certPem });
    secure.on('error', () => secure.destroy());
    inner.emit('connection', secure);
  });
  await new Promise((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', resolve);
  });
  const { port } = proxy.address();
  return {
    url: `http://127.0.0.1:${port}`,
    caPem,
    answered: () => answered,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        proxy.close(() => resolve());
      }),
  };
}
