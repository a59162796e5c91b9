/** Polls `check` until it returns a truthy value or the time is up (tests that wait on timers stay robust under load). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000, stepMs = 25): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = await check();
		if (v) return v as NonNullable<T>;
		if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, stepMs));
	}
}
