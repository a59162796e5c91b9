/** VOS3000 emulator, IVR audio (manual 3.74-3.78): the prompts of IVR flows and their wav data, and the demo ones. */
import { alreadyExists, assignStrings, clone, has, int, intList, invalid, notFound, oneOf, str, throwNotFound } from './fields';
import type { Vos3000Handler, Vos3000State } from './state';
import { listed, removeOrNotFound } from './records';

export function seedIvrAudios(s: Vos3000State): void {
	const audio = (id: number, type: number, name: string, size: number, memo: string): void => {
		s.ivrAudios.set(id, { id, type, name, language: 'en', ivrServiceName: 'callback-demo', size, memo });
	};
	audio(1, 4, 'welcome', 64044, 'Welcome to the demo service');
	audio(2, 4, 'menu_main', 96044, 'Press 1 for sales, 2 for support');
	audio(3, 0, 'goodbye', 32044, 'Goodbye');
}

export const ivrAudioHandlers: Record<string, Vos3000Handler> = {
	// 3.74
	CreateIvrAudio(b, { state }) {
		const type = oneOf('type', int(b, 'type'), [0, 1, 2, 3, 4, 5, 6, 7]);
		const name = str(b, 'name');
		const language = str(b, 'language', '');
		if ([...state.ivrAudios.values()].some((a) => a.name === name && a.type === type && a.language === language)) throw alreadyExists('IVR audio', name);
		const id = ++state.seq.ivrAudio;
		state.ivrAudios.set(id, { id, type, name, language, ivrServiceName: str(b, 'ivrServiceName', ''), size: 0, memo: str(b, 'memo', '') });
		return { id };
	},
	// 3.75
	ModifyIvrAudio(b, { state }) {
		assignStrings(state.ivrAudios.get(int(b, 'id')) ?? throwNotFound(), b, ['language', 'ivrServiceName', 'memo']);
		return {};
	},
	// 3.76
	DeleteIvrAudio: (b, { state }) => removeOrNotFound(state.ivrAudios, int(b, 'id'), state.ivrAudioData),
	// 3.77 (type or ids)
	GetIvrAudio(b, { state }) {
		const ids = intList(b, 'ids');
		const type = has(b, 'type') ? int(b, 'type') : undefined;
		const list = [...state.ivrAudios.values()].filter((a) => listed(ids, a.id, false) && (type === undefined || a.type === type));
		if (ids?.length && !list.length) throw notFound();
		return { infoIvrAudios: list.map(clone) };
	},
	// 3.78: data = the wav bytes as a hex string (PCM_SIGNED 8000 Hz 16 bit mono little-endian)
	ModifyIvrAudioData(b, { state }) {
		const a = state.ivrAudios.get(int(b, 'id')) ?? throwNotFound();
		const data = str(b, 'data');
		if (data.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(data)) throw invalid('Invalid parameter data: expected a hex string, 2 characters per byte');
		const buf = Buffer.from(data, 'hex');
		if (buf.length >= 44 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WAVE') {
			const channels = buf.readUInt16LE(22);
			const rate = buf.readUInt32LE(24);
			const bits = buf.readUInt16LE(34);
			if (channels !== 1 || rate !== 8000 || bits !== 16) throw invalid(`Invalid parameter data: wav must be PCM_SIGNED 8000 Hz 16 bit mono (got ${rate} Hz ${bits} bit ${channels} ch)`);
		}
		state.ivrAudioData.set(a.id as number, buf);
		a.size = buf.length;
		return {};
	},
};
