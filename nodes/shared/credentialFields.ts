import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';
import type { TransportOptions } from './http';

/** The API user's name and password; `passwordNote` says how the family sends it and what a refusal costs. */
export function loginProperties(texts: { usernameNote?: string; passwordNote: string }): INodeProperties[] {
	return [
		{ displayName: 'API Username', name: 'username', type: 'string', default: '', required: true, ...(texts.usernameNote ? { description: texts.usernameNote } : {}) },
		{ displayName: 'API Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true, description: texts.passwordNote },
	];
}

/** The switch for old PBX web servers' TLS (TLS 1.0/1.1, old ciphers, small DH keys); `example` names the family's case. */
export function legacyTlsProperty(example: string): INodeProperties {
	return {
		displayName: 'Allow Legacy TLS',
		name: 'legacyTls',
		type: 'boolean',
		default: false,
		displayOptions: { show: { scheme: ['https'] } },
		description: `Whether to accept the old TLS of an older PBX web server (TLS 1.0/1.1, old ciphers, 1024-bit DH keys), which Node.js refuses by default. ${example} Certificates are still checked as set above. Turn on only for such a server.`,
	};
}

/** Scheme/host/port plus TLS and timeout properties, with a family's documented defaults. */
export function connectionProperties(defaults: { scheme: 'http' | 'https'; port?: number; portHint: string }): INodeProperties[] {
	return [
		{
			displayName: 'Scheme',
			name: 'scheme',
			type: 'options',
			options: [
				{ name: 'HTTP', value: 'http' },
				{ name: 'HTTPS', value: 'https' },
			],
			default: defaults.scheme,
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: '',
			required: true,
			placeholder: '192.0.2.10',
			description: 'IP address or host name of the PBX, without scheme or port',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: defaults.port ?? null,
			required: true,
			description: defaults.portHint,
		},
		{
			displayName: 'Allow Self-Signed Certificate',
			name: 'allowSelfSigned',
			type: 'boolean',
			default: false,
			displayOptions: { show: { scheme: ['https'] } },
			description:
				'Whether to accept a certificate that no trusted CA signed. Only on a network you trust: the certificate is then not checked at all.',
		},
		{
			displayName: 'Certificate Fingerprint (SHA-256)',
			name: 'certificateFingerprint',
			type: 'string',
			default: '',
			placeholder: 'C6:C7:0E:12:...:B9:C8:51',
			displayOptions: { show: { scheme: ['https'] } },
			description:
				'Pins the PBX certificate: the connection is accepted only if the PBX presents the certificate with this SHA-256 fingerprint, whoever signed it and whatever host name or IP it names (a factory certificate rarely matches the IP). Safer than "Allow Self-Signed". Read it from the browser\'s certificate viewer or with: openssl s_client -connect HOST:PORT </dev/null | openssl x509 -noout -fingerprint -sha256. Several, comma-separated, during a certificate change. When set, the two settings above are not used.',
		},
		{
			displayName: 'CA Certificate (PEM)',
			name: 'caCertificate',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			displayOptions: { show: { scheme: ['https'] } },
			description: 'PEM of the private CA that signed the PBX certificate, if any',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			default: 30000,
			typeOptions: { minValue: 100 },
			description: 'How long to wait for the PBX to connect, and to answer each request',
		},
	];
}

/** "AA:BB:..", "aabb..", "SHA256 Fingerprint=AA:.." (comma-separated) -> upper-case colon form; undefined if empty. */
export function certificatePins(value: unknown): string[] | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) return undefined;
	return text.split(/[,;\n]+/).map((one) => {
		const hex = one.replace(/^.*=/, '').replace(/[^0-9a-f]/gi, '').toUpperCase();
		if (hex.length !== 64)
			throw new Error(`The credential's Certificate Fingerprint must be a SHA-256 fingerprint (64 hex digits, e.g. AB:CD:...), got "${one.trim()}"`);
		return hex.match(/../g)!.join(':');
	});
}

/** Credential values -> transport options; names the missing field when the credential is incomplete. */
export function transportFromCredentials(c: ICredentialDataDecryptedObject, maxConnections?: number): TransportOptions {
	const scheme = (c.scheme as string) || 'http';
	const host = String(c.host ?? '').trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
	if (!host) throw new Error('The credential has no Host');
	const port = Number(c.port);
	if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error('The credential has no valid Port');
	const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
	return {
		origin: `${scheme}://${hostPart}:${port}`,
		certificateSha256: scheme === 'https' ? certificatePins(c.certificateFingerprint) : undefined,
		allowSelfSigned: c.allowSelfSigned === true,
		caCertificate: (c.caCertificate as string) || undefined,
		legacyTls: scheme === 'https' && c.legacyTls === true,
		timeoutMs: Number(c.timeoutMs) > 0 ? Number(c.timeoutMs) : 30000,
		maxConnections,
	};
}
