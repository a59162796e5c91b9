/**
 * Which pushed reports are resends. A PBX re-sends a report it got no 200 for, so a report that is really the same
 * must start one run; a real state change must never be dropped, even when its body repeats an earlier one
 * (Registered → Unregistered → Registered). Two rules, both O(1) per report:
 *
 * - `firstWithIdentity(identity, windowMs)`: for reports that carry their own identity (a call id plus what
 *   happened, a CDR's id): the same identity within the window is a resend. Ids are unique, so the window can be long.
 * - `changesSubject(subject, body, windowMs)`: for state reports without an id (an extension's status, a boot): a
 *   resend is the same body as the *last* report about the same subject, within a short window. Any report about
 *   the subject in between makes the repeat a new state.
 *
 * Both memories are insertion-ordered maps whose oldest entries expire first, bounded in size.
 */
import { createHash } from 'node:crypto';

export interface ResendFilterStats {
	identities: number;
	subjects: number;
}

export class ResendFilter {
	/** identity -> time seen; re-inserted on each sighting, so the map stays ordered by time. */
	private readonly identities = new Map<string, number>();
	/** subject -> hash of its last body and when it came. */
	private readonly subjects = new Map<string, { hash: string; at: number }>();

	constructor(private readonly maxEntries = 50_000) {}

	/** True when `identity` was not seen within `windowMs` (the report is new); records it either way. */
	firstWithIdentity(identity: string, windowMs: number, now = Date.now()): boolean {
		this.expire(this.identities, (at) => now - at > windowMs);
		const seen = this.identities.get(identity);
		if (seen !== undefined && now - seen <= windowMs) return false;
		this.identities.delete(identity);
		this.identities.set(identity, now);
		this.bound(this.identities);
		return true;
	}

	/** True unless `body` repeats the last body about `subject` within `windowMs`; records it either way. */
	changesSubject(subject: string, body: string, windowMs: number, now = Date.now()): boolean {
		const hash = createHash('sha256').update(body).digest('base64');
		const last = this.subjects.get(subject);
		const repeat = last !== undefined && last.hash === hash && now - last.at <= windowMs;
		this.subjects.delete(subject);
		// A resend does not extend the window: it is measured from the report it repeats.
		this.subjects.set(subject, { hash, at: repeat ? last.at : now });
		this.expire(this.subjects, (v) => now - v.at > windowMs);
		this.bound(this.subjects);
		return !repeat;
	}

	stats(): ResendFilterStats {
		return { identities: this.identities.size, subjects: this.subjects.size };
	}

	/** Drops the oldest entries while they are expired: amortised O(1), the map is in time order. */
	private expire<V>(map: Map<string, V>, expired: (v: V) => boolean): void {
		for (const [k, v] of map) {
			if (!expired(v)) break;
			map.delete(k);
		}
	}

	private bound<V>(map: Map<string, V>): void {
		while (map.size > this.maxEntries) map.delete(map.keys().next().value as string);
	}
}
