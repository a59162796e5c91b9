/**
 * The emulator kit: what every PBX emulator is built on. A family folder (test/emulators/<family>/) adds its
 * seed data, its wire format and one file per resource group of handlers.
 *   server.ts   HTTP(S) server, connections, body cap, fault switches, reboot on the same port
 *   faults.ts   the fault switches' one shape
 *   sessions.ts token/cookie sessions with expiry, wrong-login lockout
 *   state.ts    seed -> deep clone, reset in place
 *   push.ts     reports POSTed to a URL, recorded, in order;  receiver.ts  the test's end of them
 *   fields.ts   required/optional request fields with the family's error
 *   dialplan.ts Asterisk dial patterns
 *   time.ts     fixed-width time stamps;  text.ts md5, tokens, escaping;  wav.ts audio files
 */
export * from './server';
export * from './faults';
export * from './sessions';
export * from './state';
export * from './push';
export * from './receiver';
export * from './fields';
export * from './time';
export * from './text';
export * from './wav';
export * from './dialplan';
