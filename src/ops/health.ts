/**
 * `GET /healthz` for Docker's HEALTHCHECK and office monitors (POLICY_DESK_HEALTH_PORT): 200 with
 * `{"status":"ok",…}` when the reports database answers, 503 with the reason otherwise. Any other
 * path is 404. Listening problems (port in use, no permission) reject with one clear line.
 */
import { createServer, type Server } from 'node:http';

export interface HealthProbe {
  /** Throws (or returns a problem) when the service cannot serve. */
  check(): string | null;
  /** Extra facts for the body (schema version, uptime…). No figures, no secrets. */
  details?(): Record<string, unknown>;
}

export async function startHealthServer(port: number, probe: HealthProbe, host = '0.0.0.0'): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const started = Date.now();
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/healthz') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":"not_found"}');
      return;
    }
    let problem: string | null;
    try {
      problem = probe.check();
    } catch (err) {
      problem = (err as Error).message;
    }
    const body = { status: problem ? 'unhealthy' : 'ok', ...(problem ? { problem } : {}), uptimeSeconds: Math.round((Date.now() - started) / 1000), ...(probe.details?.() ?? {}) };
    res.writeHead(problem ? 503 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? '端口已被占用 (address in use)' : err.code === 'EACCES' ? '没有权限使用该端口 (permission denied)' : err.code ?? err.message;
      reject(new Error(`POLICY_DESK_HEALTH_PORT ${port}：${why}`));
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
