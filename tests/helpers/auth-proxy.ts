/**
 * A tiny authenticating reverse proxy for the sync tests: QGIS Server has no authentication of
 * its own (real SDIs put it behind nginx / a gateway that does), so this answers 401 unless the
 * request carries the right basic credentials or bearer token, and forwards the rest to
 * `target` unchanged (rewriting the target's own URLs in bodies and Location headers to the
 * proxy's, as a gateway does).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AuthProxy {
  /** 'http://127.0.0.1:PORT/' */
  readonly url: string;
  close(): Promise<void>;
}

export async function startAuthProxy(target: string, auth: { username: string; password: string; token: string }): Promise<AuthProxy> {
  const targetUrl = new URL(target);
  const basic = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const bearer = `Bearer ${auth.token}`;
  let self = '';
  const server: Server = createServer((req, res) => {
    const given = req.headers.authorization;
    if (given !== basic && given !== bearer) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="SDI"', 'Content-Type': 'text/plain' });
      res.end('Unauthorized');
      return;
    }
    const headers = { ...req.headers, host: targetUrl.host };
    delete headers.authorization;
    const upstream = httpRequest({ host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const body = Buffer.from(Buffer.concat(chunks).toString('latin1').split(target).join(self), 'latin1');
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && k !== 'content-length' && k !== 'transfer-encoding') out[k] = v;
        if (typeof out.location === 'string') out.location = out.location.split(target).join(self);
        res.writeHead(up.statusCode ?? 502, { ...out, 'content-length': String(body.length) });
        res.end(body);
      });
    });
    upstream.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: self,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
