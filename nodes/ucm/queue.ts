/**
 * One UCM, one queue. A UCM refuses requests that overlap (-45/-46 "operating too frequently", -57 after a
 * longer burst) and then wants 15 or 60 seconds of quiet, so every request to one UCM (origin + API user) from
 * every execution, node and trigger in this n8n process waits its turn here instead of colliding.
 *
 * By default one request is in flight. The credential's opt-in lets two reads overlap; writes, logins and call
 * actions always go alone. The first burst refusal sets the queue back to one at a time for good (this process).
 */
export class UcmQueue {
	private active = 0;
	private writing = false;
	private readonly waiting: Array<{ read: boolean; go: () => void }> = [];
	/** Reads allowed in flight now; `configured` is what the credential asked for. */
	private readsAllowed: number;
	private configured: number;
	/** The PBX refused a burst while two reads were allowed: one at a time from now on. */
	fellBack = false;

	constructor(reads: number) {
		this.readsAllowed = reads;
		this.configured = reads;
	}

	/** Follows a changed credential setting (a fallback stays until the setting itself changes). */
	configure(reads: number): void {
		if (reads === this.configured) return;
		this.configured = reads;
		this.readsAllowed = reads;
		this.fellBack = false;
		this.drain();
	}

	/** The PBX answered -45/-46/-57. */
	refused(): void {
		if (this.readsAllowed > 1) {
			this.readsAllowed = 1;
			this.fellBack = true;
		}
	}

	async run<T>(read: boolean, fn: () => Promise<T>): Promise<T> {
		await this.acquire(read);
		try {
			return await fn();
		} finally {
			this.active--;
			if (!read) this.writing = false;
			this.drain();
		}
	}

	private canStart(read: boolean): boolean {
		if (this.writing) return false;
		return read ? this.active < this.readsAllowed : this.active === 0;
	}

	private acquire(read: boolean): Promise<void> {
		// First come, first served: a waiting write is not overtaken by later reads.
		if (this.waiting.length === 0 && this.canStart(read)) {
			this.start(read);
			return Promise.resolve();
		}
		return new Promise((go) => this.waiting.push({ read, go }));
	}

	private start(read: boolean): void {
		this.active++;
		if (!read) this.writing = true;
	}

	private drain(): void {
		while (this.waiting.length && this.canStart(this.waiting[0].read)) {
			const next = this.waiting.shift()!;
			this.start(next.read);
			next.go();
		}
	}
}

const queues = new Map<string, UcmQueue>();

/** The queue of one UCM and API user, shared by the whole process. */
export function ucmQueue(key: string, reads: number): UcmQueue {
	let q = queues.get(key);
	if (!q) {
		q = new UcmQueue(reads);
		queues.set(key, q);
	} else q.configure(reads);
	return q;
}
