// The command bench-exec.mjs runs under `myaccount exec`: asks exec's identity endpoint for a
// cached ARM token over one keep-alive connection, as an SDK would, and prints the latency of
// each answer (never the token). Arguments: warm-up count, timed count.
import http from 'node:http';

const [warmup, count] = process.argv.slice(2).map(Number);
const url = new URL(process.env.IDENTITY_ENDPOINT);
url.searchParams.set('api-version', '2019-08-01');
url.searchParams.set('resource', process.env.BENCH_RESOURCE ?? 'https://management.core.windows.net/');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const headers = { 'x-identity-header': process.env.IDENTITY_HEADER };

function once() {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = http.get(url, { agent, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (res.statusCode !== 200 || !JSON.parse(body).access_token) reject(new Error(`status ${res.statusCode}: ${JSON.parse(body).message ?? ''}`));
        else resolve(ms);
      });
    });
    req.on('error', reject);
  });
}

for (let i = 0; i < warmup; i++) await once();
const times = [];
for (let i = 0; i < count; i++) times.push(await once());
agent.destroy();
process.stdout.write(JSON.stringify({ times }) + '\n');
