/**
 * Request guard for the local servers: they listen on loopback and trust whoever reaches them,
 * so two browser attacks must be refused before routing:
 *
 * - DNS rebinding: a page on `evil.example` whose name is re-pointed at 127.0.0.1 reaches the
 *   server with `Host: evil.example`. Only loopback names are accepted in `Host`
 *   (`localhost`, 127.0.0.0/8, `[::1]`, with any port), plus `allowedHosts`.
 * - Cross-origin requests from a browser (which always sends `Origin` on them): refused unless
 *   the origin is in `allowedOrigins`. Non-browser clients (SDKs, CLI) send no `Origin`.
 *
 * Adoption by a server is one line at the top of its request listener, e.g.
 * `const refusal = checkRequest(req, options); if (refusal) return answerRefusal(refusal);`.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export interface HttpGuardOptions {
  /** Browser origins (`scheme://host[:port]`) allowed to call the server; `'*'` allows any. Default: none. */
  allowedOrigins?: readonly string[];
  /** Host names (no port) accepted in `Host` besides loopback, e.g. when bound to a LAN address on purpose. */
  allowedHosts?: readonly string[];
}

export interface GuardRefusal {
  /** `host`: Host header not loopback (or missing); `origin`: browser origin not allowed. */
  reason: 'host' | 'origin';
  message: string;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** The host part of a `Host` header value (brackets of an IPv6 literal removed), or undefined when malformed. */
export function hostName(header: string): string | undefined {
  const v6 = /^\[([0-9A-Fa-f:.]+)\](?::\d{1,5})?$/.exec(header);
  if (v6) return v6[1];
  const named = /^([^:[\]\s]+)(?::\d{1,5})?$/.exec(header);
  return named ? named[1].toLowerCase().replace(/\.$/, '') : undefined;
}

/** True when a `Host` header value names loopback: `localhost`, 127.0.0.0/8 or `::1`, any port. */
export function isLoopbackHost(header: string): boolean {
  const name = hostName(header);
  if (name === undefined) return false;
  if (name === 'localhost') return true;
  if (isIPv4(name)) return LOOPBACK.check(name, 'ipv4');
  if (isIPv6(name)) return LOOPBACK.check(name, 'ipv6');
  return false;
}

/** True when `origin` may call the server (case-insensitive exact match, or `'*'`). */
export function isAllowedOrigin(origin: string, options: HttpGuardOptions = {}): boolean {
  const allowed = options.allowedOrigins ?? [];
  const wanted = origin.toLowerCase();
  return allowed.some((o) => o === '*' || o.toLowerCase() === wanted);
}

/** undefined when the request may proceed; otherwise why it must be refused (answer 403). */
export function checkRequest(req: IncomingMessage, options: HttpGuardOptions = {}): GuardRefusal | undefined {
  const host = req.headers.host;
  if (host === undefined || host === '') {
    return { reason: 'host', message: 'Requests to the local server must carry a Host header naming loopback' };
  }
  const name = hostName(host);
  const extra = options.allowedHosts?.some((h) => h.toLowerCase() === name) ?? false;
  if (!extra && !isLoopbackHost(host)) {
    return { reason: 'host', message: `Host ${JSON.stringify(host.slice(0, 100))} is not a loopback name` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isAllowedOrigin(origin, options)) {
    return {
      reason: 'origin',
      message: `Browser requests from origin ${JSON.stringify(origin.slice(0, 100))} are not allowed`,
    };
  }
  return undefined;
}

/** Response headers for a request from an allowed browser origin (none without `Origin`). */
export function corsHeaders(req: IncomingMessage, exposeHeaders: readonly string[] = []): Record<string, string> {
  const origin = req.headers.origin;
  if (origin === undefined) return {};
  const headers: Record<string, string> = { 'access-control-allow-origin': origin, vary: 'Origin' };
  if (exposeHeaders.length > 0) headers['access-control-expose-headers'] = exposeHeaders.join(', ');
  return headers;
}

/** Headers answering a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin. */
export function preflightHeaders(req: IncomingMessage, methods: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {
    ...corsHeaders(req),
    'access-control-allow-methods': methods.join(', '),
    'access-control-max-age': '600',
  };
  const requested = req.headers['access-control-request-headers'];
  if (typeof requested === 'string' && requested !== '') headers['access-control-allow-headers'] = requested;
  return headers;
}

/** True for a CORS preflight request. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers.origin !== undefined && !!req.headers['access-control-request-method'];
}
