/** recapi (nodes/ucm/spec/cdr.ts, Download Recording): recording lists and files (WAV, or a tar of several). */
import { makeWav } from '../kit';
import { opt, UcmError, type Ctx, type Handler, type Rec, type Reply } from './api';
import type { EmulatedUcm } from './emulator';

/** recapi `filedir` values (Table 71: "monitor, emergency meetme, queue, sca"; the missing comma restored). */
export const UCM_RECORDING_DIRS = ['monitor', 'emergency', 'meetme', 'queue', 'sca'] as const;

export interface UcmRecording { filedir: string; filename: string; data: Buffer; at: number }

/** Recordings by recapi `filedir`. */
export const recordingSeed = [
	{ filedir: 'monitor', filename: 'auto-1714554900-1000-1001.wav', seconds: 1 },
	{ filedir: 'queue', filename: 'q-6500-1714903800-5559876.wav', seconds: 1 },
	{ filedir: 'meetme', filename: 'meetme-6300-1714990000.wav', seconds: 0.5 },
];

export function seedRecordings(): UcmRecording[] {
	return recordingSeed.map((r) => ({ filedir: r.filedir, filename: r.filename, data: makeWav(r.seconds), at: Date.parse('2024-05-01T09:15:00Z') }));
}

/** Minimal ustar archive (recapi with several comma-separated file names). */
export function makeTar(files: Array<{ name: string; data: Buffer; mtime?: number }>): Buffer {
	const blocks: Buffer[] = [];
	for (const f of files) {
		const h = Buffer.alloc(512);
		h.write(f.name.slice(0, 99), 0, 'utf8');
		h.write('0000644\0', 100, 'ascii');
		h.write('0000000\0', 108, 'ascii');
		h.write('0000000\0', 116, 'ascii');
		h.write(f.data.length.toString(8).padStart(11, '0') + '\0', 124, 'ascii');
		h.write(Math.floor((f.mtime ?? Date.now()) / 1000).toString(8).padStart(11, '0') + '\0', 136, 'ascii');
		h.write('        ', 148, 'ascii');
		h.write('0', 156, 'ascii');
		h.write('ustar\0', 257, 'ascii');
		h.write('00', 263, 'ascii');
		let sum = 0;
		for (const b of h) sum += b;
		h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
		blocks.push(h, f.data, Buffer.alloc((512 - (f.data.length % 512)) % 512));
	}
	blocks.push(Buffer.alloc(1024));
	return Buffer.concat(blocks);
}

export function recapi(emu: EmulatedUcm, ctx: Ctx): Reply {
	const filedirRaw = opt(ctx.body, 'filedir');
	const filenameRaw = opt(ctx.body, 'filename');
	const dirs = filedirRaw ? filedirRaw.split(',').map((s) => s.trim()).filter(Boolean) : [];
	for (const d of dirs) if (!(UCM_RECORDING_DIRS as readonly string[]).includes(d)) throw new UcmError(-15);
	if (!filenameRaw) {
		if (!dirs.length) return { filedir: [...UCM_RECORDING_DIRS] };
		const out: Rec = {};
		for (const d of dirs) out[d] = emu.state.recordings.filter((r) => r.filedir === d).map((r) => r.filename);
		return out;
	}
	const names = filenameRaw.split(',').map((s) => s.trim()).filter(Boolean);
	const inDirs = dirs.length ? dirs : ['monitor'];
	const files = names.map((n) => {
		if (/[/\\]|\.\./.test(n)) throw new UcmError(-50);
		const f = emu.state.recordings.find((r) => r.filename === n && inDirs.includes(r.filedir));
		if (!f) throw new UcmError(-16);
		return f;
	});
	if (files.length === 1) {
		return { raw: files[0].data, type: 'audio/x-wav', headers: { 'Content-Disposition': `attachment; filename="${files[0].filename}"` } };
	}
	return { raw: makeTar(files.map((f) => ({ name: f.filename, data: f.data, mtime: f.at }))), type: 'application/x-tar', headers: { 'Content-Disposition': 'attachment; filename="recordings.tar"' } };
}

export const recordingHandlers: Record<string, Handler> = { recapi };
