// n8n-core's InstanceSettings writes a settings file in the n8n user folder: keep tests out of ~/.n8n.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = join(tmpdir(), 'n8n-nodes-pbx-test-user');
mkdirSync(folder, { recursive: true });
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
