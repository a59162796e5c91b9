import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { Pool, buildConnector, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import { TransportError } from './errors';

// Error classes live in errors.ts; re-exported for existing imports.
export { TransportError };

/** Connection settings every family's credential carries. */
export interface TransportOptions {
	/** scheme://host:port, no path. */
	origin: string;
	/** Verify the PBX certificate (default). Off only for self-signed PBXs, by an explicit credential switch. */
	allowSelfSigned?: boolean;
	/** PEM of a private CA that signed the PBX certificate. */
	caCertificate?: string;
	/**
	 * SHA-256 fingerprints ("AA:BB:..", upper case) of the certificates accepted. When set, the PBX must present one
	 * of them, whoever signed it and whatever host name it names; CA and self-signed settings are not used.
	 */
	certificateSha256?: string[];
	/**
	 * Accept the TLS of old PBX web servers that Node.js refuses by default: TLS 1.0/1.1, old ciphers and small DH
	 * keys (OpenSSL security level 0). Certificates are still checked as configured. Off unless a credential switch asks.
	 */
	legacyTls?: boolean;
	/** Per-request time limit in ms (connect, headers and body each). */
	timeoutMs?: number;
	/** At most this many requests in flight to one PBX; the rest queue. */
	maxConnections?: number;
}

export interface HttpRequest {
	method: 'GET' | 'POST';
	/** Path plus query string, starting with '/'. */
	path: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

/** Answers bigger than this are refused rather than buffered (recordings and CDR files stay far below). */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

const pools = new Map<string, Pool>();
/**
 * The pool found for a TransportOptions object, so the items of one execution (which share the connection's
 * options object) skip building the pool key (string join, sha256 of a CA) on every request. Options objects
 * are built per execution from the credential and never changed afterwards. Reset with the pools.
 */
let poolByOptions = new WeakMap<TransportOptions, Pool>();

function poolKey(o: TransportOptions): string {
	const ca = o.caCertificate ? createHash('sha256').update(o.caCertificate).digest('hex') : '';
	return [o.origin, o.allowSelfSigned ? 1 : 0, ca, o.certificateSha256?.join(',') ?? '', o.timeoutMs ?? '', o.maxConnections ?? '', o.legacyTls ? 1 : 0].join('|');
}

/** One keep-alive pool per origin and TLS setting, shared by every item and execution in this process. */
export function poolFor(o: TransportOptions): Pool {
	const cached = poolByOptions.get(o);
	if (cached) return cached;
	const key = poolKey(o);
	let pool = pools.get(key);
	if (!pool) {
		const timeout = o.timeoutMs ?? 30000;
		const legacy = o.legacyTls ? LEGACY_TLS : {};
		pool = new Pool(o.origin, {
			connections: o.maxConnections ?? 8,
			pipelining: 1,
			keepAliveTimeout: 30000,
			maxResponseSize: MAX_BODY_BYTES,
			connectTimeout: timeout,
			headersTimeout: timeout,
			bodyTimeout: timeout,
			connect: !o.origin.startsWith('https:')
				? undefined
				: o.certificateSha256?.length
					? pinnedConnector(o.certificateSha256, timeout, legacy)
					: { rejectUnauthorized: !o.allowSelfSigned, ca: o.caCertificate?.trim() ? o.caCertificate : undefined, ...legacy },
		});
		pools.set(key, pool);
	}
	poolByOptions.set(o, pool);
	return pool;
}

/**
 * What old PBX web servers speak (a Java 6 web server: TLS 1.0 at most; older firmware: 1024-bit DH keys, which
 * Node 24's OpenSSL refuses): OpenSSL's default suites at security level 0, DH keys of any size.
 */
const LEGACY_TLS = { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0', minDHSize: 1 } as const;

const PLAIN_HTTP_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_RECORD_LAYER_FAILURE']);

/** The PBX presented a certificate other than the pinned one; the connection was closed before any request. */
export const CERT_PIN_MISMATCH = 'ERR_PBX_CERT_PIN_MISMATCH';

/**
 * TLS without the CA and host-name checks, but only to a peer whose certificate has a pinned SHA-256
 * fingerprint: checked on the handshake, before undici writes the request.
 */
function pinnedConnector(pins: string[], timeoutMs: number, legacy: Partial<typeof LEGACY_TLS>): buildConnector.connector {
	// No TLS session resumption: a resumed session carries no certificate to compare.
	const base = buildConnector({ rejectUnauthorized: false, timeout: timeoutMs, maxCachedSessions: 0, ...legacy });
	return (options, callback) =>
		base(options, (error, socket) => {
			if (error || !socket) return callback(error ?? new Error('No socket'), null);
			const got = (socket as TLSSocket).getPeerCertificate?.()?.fingerprint256?.toUpperCase();
			if (got && pins.includes(got)) return callback(null, socket);
			socket.destroy();
			const e = new Error(
				`The PBX presented a certificate with SHA-256 fingerprint ${got ?? '(none)'}, not the pinned ${pins.join(' or ')}`,
			) as Error & { code: string };
			e.code = CERT_PIN_MISMATCH;
			callback(e, null);
		});
}

/** Closes every pool (tests and benchmarks; n8n itself keeps them for the process lifetime). */
export async function closeAllPools(): Promise<void> {
	const all = [...pools.values()];
	pools.clear();
	poolByOptions = new WeakMap();
	await Promise.all(all.map((p) => p.close().catch(() => undefined)));
}

function classify(error: unknown): TransportError {
	const e = error as { code?: string; message?: string; name?: string };
	const code = e?.code;
	const message = e?.message ?? String(error);
	if (error instanceof undiciErrors.ConnectTimeoutError || code === 'UND_ERR_CONNECT_TIMEOUT')
		return new TransportError('Timed out connecting to the PBX', 'timeout', false, code);
	if (
		error instanceof undiciErrors.HeadersTimeoutError ||
		error instanceof undiciErrors.BodyTimeoutError ||
		code === 'UND_ERR_HEADERS_TIMEOUT' ||
		code === 'UND_ERR_BODY_TIMEOUT'
	)
		return new TransportError('The PBX did not answer in time', 'timeout', true, code);
	if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EAI_AGAIN')
		return new TransportError(`Cannot reach the PBX (${code})`, 'connect', false, code);
	if (code === CERT_PIN_MISMATCH)
		return new TransportError(`${message}. Nothing was sent`, 'tls', false, code, 'If the PBX got a new certificate, put its fingerprint in the credential (Certificate Fingerprint); otherwise this may not be your PBX.');
	// An HTTP server's plain-text answer read as a TLS record (OpenSSL 3.0 says "wrong version number", later
	// versions may say "packet length too long" or "record layer failure").
	if (/wrong version number|packet length too long|record layer failure/i.test(message) || PLAIN_HTTP_CODES.has(code ?? ''))
		return new TransportError('This port speaks plain HTTP, not HTTPS', 'tls', false, code, 'Set the credential\'s Scheme to HTTP, or its Port to the PBX\'s HTTPS port.');
	// Old firmware's TLS that this Node.js refuses: only an old protocol version or cipher, or weak keys (Node 24's
	// OpenSSL wants DH and RSA keys of 2048 bits or more). Before any request.
	if (
		/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|NO_SHARED_CIPHER|HANDSHAKE_FAILURE|NO_CIPHERS_AVAILABLE/i.test(code ?? '') ||
		/dh key too small|ee key too small|ca md too weak|DH_KEY_TOO_SMALL|DH_PARAM_SIZE|unsupported protocol/i.test(`${code ?? ''} ${message}`)
	)
		return new TransportError(
			`TLS failure (${code ?? 'weak TLS'}): the PBX offers only an old TLS version, cipher or key size. Nothing was sent`,
			'tls',
			false,
			code,
			'Older PBX web servers speak an old TLS (TLS 1.0 only, old ciphers, or 1024-bit DH keys). Turn on "Allow Legacy TLS" in the credential, or update the PBX (a 2048-bit certificate, newer firmware), or use HTTP on a network you trust.',
		);
	if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code))
		return new TransportError(`TLS failure (${code}): ${message}`, 'tls', false, code);
	if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED')
		return new TransportError('The PBX closed the connection before answering', 'reset', true, code);
	if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new TransportError('The answer is too large', 'too-large', true, code);
	return new TransportError(message, 'other', true, code);
}

/** Sends one request on the pooled connection and buffers the answer (bounded by MAX_BODY_BYTES). */
export async function send(o: TransportOptions, req: HttpRequest): Promise<HttpResponse> {
	const pool = poolFor(o);
	let res: Dispatcher.ResponseData;
	try {
		res = await pool.request({
			method: req.method,
			path: req.path,
			headers: req.headers,
			body: req.body,
		});
	} catch (error) {
		throw classify(error);
	}
	try {
		// The pool's maxResponseSize bounds the body (UND_ERR_RES_EXCEEDED_MAX_SIZE).
		const body = Buffer.from(await res.body.arrayBuffer());
		const raw = res.headers;
		let headers: Record<string, string> | undefined;
		// Most answers are read without a look at their headers: flatten them on first use only.
		return {
			status: res.statusCode,
			get headers() {
				return (headers ??= flatHeaders(raw));
			},
			body,
		};
	} catch (error) {
		if (error instanceof TransportError) throw error;
		throw classify(error);
	}
}

function flatHeaders(raw: Dispatcher.ResponseData['headers']): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
	return headers;
}

/** The file name a Content-Disposition header gives (filename* or filename), else `fallback`. */
export function fileNameFrom(res: HttpResponse, fallback: string): string {
	const cd = res.headers['content-disposition'] ?? '';
	const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(cd);
	if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
	const plain = /filename="?([^";]+)"?/i.exec(cd);
	return plain ? plain[1].trim() : fallback;
}
