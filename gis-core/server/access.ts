/**
 * Who may call the API. On a loopback interface without a token, requests must name a
 * loopback host (a web page elsewhere cannot reach the API through DNS rebinding). On any other
 * interface a token is required to start at all, and every API call must carry it
 * (`Authorization: Bearer …` or `?token=…`).
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { PlanDeskError } from '../errors.js';

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** Throws when the server would listen beyond this machine without a token. */
export function checkBindAllowed(host: string, token: string | undefined): void {
  if (!isLoopbackHost(host) && !token) {
    throw new PlanDeskError(
      'INVALID_ARGUMENT',
      `refusing to serve on ${host} without an access token: other machines could read the project. ` +
        'Give --token (or set PLANDESK_TOKEN), or serve on 127.0.0.1',
    );
  }
  if (token !== undefined && token.length < 16) {
    throw new PlanDeskError('INVALID_ARGUMENT', 'the access token must be at least 16 characters');
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: the Authorization bearer, else the `token` query parameter. */
export function requestToken(authorization: string | undefined, query: URLSearchParams): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return bearer ?? query.get('token') ?? undefined;
}

export function tokenAccepted(expected: string, given: string | undefined): boolean {
  return given !== undefined && sameSecret(given, expected);
}

/** The host name of a Host header ('127.0.0.1:8080' → '127.0.0.1', '[::1]:80' → '::1'). */
export function hostOfHeader(header: string | undefined): string {
  if (!header) return '';
  const bracketed = /^\[([^\]]+)\]/.exec(header);
  if (bracketed?.[1]) return bracketed[1];
  return header.replace(/:\d+$/, '');
}
