// test/harness/run.ts uses jest-mock-extended, whose v4 requires `@jest/globals`, which refuses to load outside
// jest. Outside jest we only need `jest.fn`: provide it from jest-mock (what jest itself uses) before anything
// requires @jest/globals.
'use strict';
const Module = require('node:module');
const { join } = require('node:path');
const { ModuleMocker } = require('jest-mock');

const root = join(__dirname, '..', '..');
const req = Module.createRequire(join(root, 'package.json'));
const fromMockExtended = Module.createRequire(req.resolve('jest-mock-extended'));
const globalsPath = fromMockExtended.resolve('@jest/globals');
const mocker = new ModuleMocker(globalThis);
const jest = { fn: (impl) => mocker.fn(impl) };
const m = new Module(globalsPath);
m.filename = globalsPath;
m.loaded = true;
m.exports = { jest };
require.cache[globalsPath] = m;
// The harness registers jest lifecycle hooks (afterAll: stop n8n-core's SSH cleanup timer); outside jest the bench
// exits by itself, so a hook is kept and never run.
globalThis.afterAll ??= () => undefined;
