/**
 * Answers that a later node of the workflow computes (IVR menus), held open by the trigger that received the
 * request. The trigger answers with the configured default when the workflow fails or is too slow, so the
 * caller is never left hanging. In-process: needs n8n's regular execution mode (webhook and execution in one
 * process), which is what self-hosted single-instance n8n uses.
 */
import { randomUUID } from 'node:crypto';

export interface AnswerSink {
	/** Sends the answer; returns false when the response was already sent or closed. */
	send(status: number, body: unknown): boolean;
}

interface Held {
	sink: AnswerSink;
	timer: ReturnType<typeof setTimeout>;
	answered: boolean;
}

const held = new Map<string, Held>();

/** Holds a response open; after `timeoutMs` the default answer goes out. Returns the id later nodes answer with. */
export function holdAnswer(sink: AnswerSink, defaultBody: unknown, timeoutMs: number): string {
	const id = randomUUID();
	const entry: Held = {
		sink,
		answered: false,
		timer: setTimeout(() => {
			if (!entry.answered) {
				entry.answered = true;
				sink.send(200, defaultBody);
			}
			// Remembered a while longer so a late answer is reported as late, not as unknown.
			setTimeout(() => held.delete(id), 10 * 60 * 1000).unref?.();
		}, timeoutMs),
	};
	entry.timer.unref?.();
	held.set(id, entry);
	return id;
}

export type AnswerOutcome = 'sent' | 'too-late' | 'unknown';

/** Sends the computed answer for a held request. */
export function sendHeldAnswer(id: string, body: unknown): AnswerOutcome {
	const entry = held.get(id);
	if (!entry) return 'unknown';
	held.delete(id);
	clearTimeout(entry.timer);
	if (entry.answered) return 'too-late';
	entry.answered = true;
	return entry.sink.send(200, body) ? 'sent' : 'too-late';
}

/** Requests still waiting for their answer. */
export function waitingAnswerCount(): number {
	return [...held.values()].filter((h) => !h.answered).length;
}
