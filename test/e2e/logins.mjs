// Counts PBX logins per emulator (= per credential) and per n8n process. The emulators count logins (`emu.logins`)
// but cannot tell processes apart (every n8n process connects from 127.0.0.1); the process is found from the TCP
// connection: the client's port → its socket inode in /proc/net/tcp{,6} → the n8n process holding that inode.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { n8nPids } from '../../scripts/n8n/instance.mjs';

function socketInode(clientPort, serverPort) {
	const hex = (p) => p.toString(16).toUpperCase().padStart(4, '0');
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text;
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const f = line.trim().split(/\s+/);
			if (f.length < 10) continue;
			if (f[1].endsWith(`:${hex(clientPort)}`) && f[2].endsWith(`:${hex(serverPort)}`)) return f[9];
		}
	}
	return undefined;
}

function ownerOf(inode) {
	const link = `socket:[${inode}]`;
	for (const [pid, label] of n8nPids) {
		let fds;
		try {
			fds = readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			try {
				if (readlinkSync(`/proc/${pid}/fd/${fd}`) === link) return label;
			} catch {
				/* fd closed meanwhile */
			}
		}
	}
	return 'unknown process';
}

/**
 * Watches the emulators that count logins and have an HTTP server (OpenVox UC, UCM). A request that raised the
 * emulator's login counter is attributed to the process owning its connection. Returns { table(), total() }.
 */
export function watchLogins(emulators) {
	const counts = new Map(); // family key → Map(label → n)
	for (const s of emulators) {
		const { emu } = s;
		const server = emu.server;
		if (!server || typeof emu.logins !== 'number') continue;
		counts.set(s.family.key, new Map());
		server.on('request', (req, res) => {
			const before = emu.logins;
			const serverPort = req.socket.localPort;
			const clientPort = req.socket.remotePort;
			// resolved while the connection is certainly open
			const inode = socketInode(clientPort, serverPort);
			const owner = inode ? ownerOf(inode) : 'unknown process';
			res.on('finish', () => {
				const delta = emu.logins - before;
				if (delta <= 0) return;
				const m = counts.get(s.family.key);
				m.set(owner, (m.get(owner) ?? 0) + delta);
			});
		});
	}
	return {
		counts,
		table() {
			const lines = [];
			for (const [family, m] of counts) {
				const parts = [...m.entries()].sort().map(([label, n]) => `${label} ${n}`);
				lines.push(`${family}: ${parts.length ? parts.join(', ') : 'no logins'}`);
			}
			return lines;
		},
	};
}
