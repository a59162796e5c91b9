/**
 * Fault switches, one shape for every emulator: what a test sets to make the PBX (or the network in front of it)
 * misbehave. The server (server.ts) applies them around the family's handler; `op` names are the family's
 * operation names (VOS3000 interface, UCM action, OpenVox UC path). For faults between the node and the PBX
 * (a proxy answering 502, a reset before forwarding) see ../faultProxy.ts.
 */
export interface FaultSwitches {
	/** Hold every request this long before it is handled (the client may give up first; the PBX still acts). */
	delayMs?: number;
	/** Answer every request with this HTTP status and the family's error page; the request is NOT applied. */
	httpStatus?: number;
	/** Operations that are applied, then the connection is closed without an answer. */
	dropAfterApply?: string[];
	/** Operations that are applied, then answered 200 with a non-API body (the family's `malformedBody`). */
	malformed?: string[];
	/** Answer every JSON body wrapped in a one-element array `[ {...} ]` (applied by the family: it owns the format). */
	arrayWrap?: boolean;
	/** The API service is not running (a PBX booting) until this time (ms since epoch): not applied. */
	notRunningUntil?: number;
	/** ... or for this many more requests (counted down by each refused request). */
	notRunningRequests?: number;
}

/** Switch every fault off, keeping the object (tests hold a reference to it). */
export function clearFaults(f: FaultSwitches): void {
	for (const k of Object.keys(f) as Array<keyof FaultSwitches>) delete f[k];
}
