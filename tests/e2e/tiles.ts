/** A stand-in XYZ tile server on loopback, for the base-map test (no request leaves the machine). */
import { createServer } from 'node:http';
import { solidPng } from './png.js';

/** The colour of every tile of the stand-in base map (basemap.spec.ts looks for it). */
export const TILE_RGB: [number, number, number] = [0x33, 0x66, 0xff];

/** A stand-in XYZ tile server on loopback: the base-map test points the settings at it. */
export async function startTileServer(): Promise<{ url: string; close(): void }> {
  const tile = solidPng(256, 256, TILE_RGB);
  const server = createServer((request, response) => {
    if (!/^\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '')) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' }).end(tile);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
