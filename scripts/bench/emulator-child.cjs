// Runs one PBX emulator (compiled to build/test/emulators) in its own process, so the PBX does not share the
// benchmark's event loop or heap (a real PBX is another machine). Driven over IPC by scripts/bench.mjs:
//   { id, cmd: 'start', family: 'vos3000' | 'openvox-uc', options }  -> { port, username, password }
//   { id, cmd: 'stats' }                                              -> { logins, loginAttempts, requests }
//   { id, cmd: 'set', options }   (emulator options, e.g. { expireEveryNRequests: 300 }) -> {}
//   { id, cmd: 'resetCounters' }                                      -> {}
// The emulators log every request; the log is trimmed here so the emulator's memory stays flat.
'use strict';
const { join } = require('node:path');

const build = join(__dirname, '..', '..', 'build', 'test', 'emulators');
let emu;
let requestCount = 0;

function drainLog() {
	if (!emu) return;
	requestCount += emu.requests.length;
	emu.requests.length = 0;
}
setInterval(drainLog, 200).unref();

async function handle(msg) {
	switch (msg.cmd) {
		case 'start': {
			if (msg.family === 'vos3000') {
				const { startVos3000Emulator } = require(join(build, 'vos3000.js'));
				emu = await startVos3000Emulator({ ...(msg.options ?? {}) });
			} else if (msg.family === 'openvox-uc') {
				const { startOpenVoxUcEmulator } = require(join(build, 'openvox-uc', 'index.js'));
				emu = await startOpenVoxUcEmulator({ ...(msg.options ?? {}) });
			} else throw new Error(`unknown family ${msg.family}`);
			return { port: emu.port, username: emu.username, password: emu.password };
		}
		case 'stats':
			drainLog();
			return { logins: emu.logins ?? 0, loginAttempts: emu.loginAttempts ?? 0, requests: requestCount, connections: emu.connections() };
		case 'set':
			Object.assign(emu.options, msg.options ?? {});
			return {};
		case 'resetCounters':
			drainLog();
			requestCount = 0;
			if (typeof emu.logins === 'number') emu.logins = 0;
			if (typeof emu.loginAttempts === 'number') emu.loginAttempts = 0;
			return {};
		case 'close':
			await emu?.close();
			return {};
		default:
			throw new Error(`unknown command ${msg.cmd}`);
	}
}

process.on('message', (msg) => {
	handle(msg).then(
		(result) => process.send({ id: msg.id, result }),
		(error) => process.send({ id: msg.id, error: String(error && error.stack ? error.stack : error) }),
	);
});
process.on('disconnect', () => process.exit(0));
