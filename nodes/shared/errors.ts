import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** Why a request failed before an answer arrived; `sent` says whether the PBX may have acted on it. */
export class TransportError extends Error {
	constructor(
		message: string,
		readonly kind: 'timeout' | 'connect' | 'reset' | 'tls' | 'too-large' | 'other',
		/** The request reached the PBX (or may have): its outcome is unknown. */
		readonly sent: boolean,
		readonly code?: string,
		/** What to do about it, when the kind's general hint would mislead. */
		readonly hint?: string,
	) {
		super(message);
		this.name = 'TransportError';
	}
}

/** Signals that the PBX rejected the session (token/cookie expired): re-login and retry once. */
export class SessionExpiredError extends Error {
	constructor(readonly code: string) {
		super(`Session expired (${code})`);
		this.name = 'SessionExpiredError';
	}
}

/** A body from the network larger or nested deeper than its limit (checked before parsing). */
export class JsonLimitError extends Error {
	constructor(
		message: string,
		readonly limit: 'depth' | 'size',
	) {
		super(message);
		this.name = 'JsonLimitError';
	}
}

/** JSON that cannot be read, with the position (the duplicate-keeping parser's error). */
export class LenientJsonError extends Error {}

/** Bad input found before anything was sent: names the field (wire path) and says what is wrong. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`Field "${field}" ${problem}`);
		this.name = 'FieldError';
	}
}

/** The PBX answered with an error code. */
export class PbxError extends Error {
	constructor(
		readonly code: string,
		/** The manual's meaning of the code, when it gives one. */
		readonly meaning: string | undefined,
		/** Text the PBX sent with it (VOS3000 `exception`), if any. */
		readonly detail: string | undefined,
		readonly hint?: string,
		readonly httpCode?: number,
	) {
		super(`PBX error ${code}${meaning ? `: ${meaning}` : ''}${detail && detail !== meaning ? ` (${detail})` : ''}`);
		this.name = 'PbxError';
	}
}

/** A login the PBX refused for a reason a retry cannot fix (wrong password, lockout). Never retried. */
export class LoginRefusedError extends PbxError {
	constructor(
		code: string,
		meaning: string | undefined,
		hint: string,
		/** How long the same credential is not tried again (default: the store's, 10 minutes). */
		readonly rememberMs?: number,
	) {
		super(code, meaning, undefined, hint);
		this.name = 'LoginRefusedError';
	}
}

/** A money or call operation whose request may have reached the PBX but whose answer was lost or not definite. */
export class OutcomeUnknownError extends Error {
	constructor(
		readonly operation: string,
		readonly cause: Error,
		readonly check: string,
		/** Known from an earlier try of the node in this execution (n8n's Retry On Fail): not sent again. */
		readonly earlierTry = false,
	) {
		super(
			earlierTry
				? `Outcome unknown: an earlier try of this node sent ${operation} but ${reasonOf(cause)}. It was not sent again.`
				: `Outcome unknown: ${operation} was sent but ${reasonOf(cause)}. It was not retried.`,
		);
		this.name = 'OutcomeUnknownError';
	}
}

function reasonOf(cause: Error): string {
	if (cause instanceof TransportError) return cause.message.charAt(0).toLowerCase() + cause.message.slice(1);
	return `the answer was not a definite PBX answer (${cause.message})`;
}

/**
 * The PBX's own history shows that a money operation whose answer was lost did not apply. A definite failure:
 * running the item again with the same idempotency key is safe (the node checks again before sending).
 */
export class NotAppliedError extends Error {
	constructor(
		readonly operation: string,
		readonly cause: Error,
		readonly evidence: string,
	) {
		super(`Not applied: the answer to ${operation} was lost (${reasonOf(cause)}), and ${evidence}`);
		this.name = 'NotAppliedError';
	}
}

/**
 * An answer that arrived but is not a definite PBX answer: a body that is not the API's format, an answer without
 * its status code, or an HTTP status a proxy or an overloaded server gives (5xx, 408, 429). For money and calls the
 * PBX may have acted on the request.
 */
export function isAmbiguousAnswer(error: unknown): boolean {
	if (error instanceof ProtocolError) return true;
	if (error instanceof PbxError && error.httpCode !== undefined) {
		const s = error.httpCode;
		return s >= 500 || s === 408 || s === 429;
	}
	return false;
}

const notSent = new WeakSet<object>();

/** Marks an error of a step before the operation's own request (a login): the operation was not sent. */
export function markNotSent<E>(error: E): E {
	if (error && typeof error === 'object') notSent.add(error);
	return error;
}

export function wasNotSent(error: unknown): boolean {
	return !!error && typeof error === 'object' && notSent.has(error);
}

/** The answer could not be understood (not JSON/XML, wrong shape). */
export class ProtocolError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ProtocolError';
	}
}

/** Replaces every secret value that might have crept into a text. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let out = text;
	for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join('***');
	return out;
}

/** Maps any failure of one item to the n8n error the user sees: field, item, PBX code and meaning, hint. */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	context: { operation: string; secrets?: Array<string | undefined> },
): NodeApiError | NodeOperationError {
	const clean = (s: string | undefined) => (s === undefined ? undefined : redact(s, context.secrets ?? []));
	const where = `item ${itemIndex}`;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof FieldError) {
		return new NodeOperationError(node, clean(`${error.message} (${where})`)!, {
			itemIndex,
			description: `Check the "${error.field}" parameter of ${context.operation}. Nothing was sent to the PBX for this item.`,
		});
	}
	if (error instanceof PbxError) {
		const err = new NodeApiError(node, { code: error.code, message: clean(error.message) } as JsonObject, {
			message: clean(`${context.operation} failed on ${where}: ${error.message}`),
			description: clean(error.hint),
			itemIndex,
			httpCode: error.httpCode ? String(error.httpCode) : undefined,
		});
		// The PBX's own code, for continueOnFail items (n8n's error item keeps only message and description).
		err.context.pbxCode = error.code;
		return err;
	}
	if (error instanceof NotAppliedError) {
		return new NodeApiError(node, { message: clean(error.message) } as JsonObject, {
			message: clean(`${error.message} (${where})`),
			description: 'Safe to run this item again with the same Idempotency Key: the node checks the PBX before sending.',
			itemIndex,
		});
	}
	if (error instanceof OutcomeUnknownError) {
		return new NodeApiError(node, { message: clean(error.message) } as JsonObject, {
			message: clean(`${error.message} (${where})`),
			description: clean(error.check),
			itemIndex,
		});
	}
	if (error instanceof TransportError) {
		const hint =
			error.hint ??
			(error.kind === 'tls'
				? 'The PBX certificate was not accepted. Pin it (Certificate Fingerprint in the credential), add its CA, or turn on "Allow Self-Signed Certificate" if you trust this network.'
				: error.kind === 'connect'
					? 'Check host, port and scheme in the credential, and that n8n can reach the PBX.'
					: error.kind === 'timeout'
						? 'The PBX is slow or unreachable; raise the credential timeout if it is just slow.'
						: undefined);
		return new NodeApiError(node, { message: clean(error.message), code: error.code ?? error.kind } as JsonObject, {
			message: clean(`${context.operation} failed on ${where}: ${error.message}`),
			description: hint,
			itemIndex,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, clean(`${context.operation} failed on ${where}: ${message}`)!, { itemIndex });
}
