/** Data survive restarts and crashes; one process per data directory. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newIncident, startHarness } from './helpers/emulatorHarness';

const ID = 'bbbbbbbb-0000-4000-8000-000000000001';

describe('durability', () => {
  it('keeps incidents, tasks and audit records across a restart, and numbering continues', async () => {
    const h = await startHarness('empty');
    try {
      await h.arm('PUT', `/incidents/${ID}`, newIncident('survives'));
      await h.arm('PUT', `/incidents/${ID}/tasks/t1`, { properties: { title: 'a task', status: 'Completed' } });
      const records = h.emulator.store.auditTable.size;
      await h.restart();
      const got = await h.arm('GET', `/incidents/${ID}`);
      expect(got.data.properties.title).toBe('survives');
      expect((await h.arm('GET', `/incidents/${ID}/tasks/t1`)).data.properties.status).toBe('Completed');
      expect(h.emulator.store.auditTable.size).toBe(records);
      const next = await h.arm('PUT', '/incidents/bbbbbbbb-0000-4000-8000-000000000002', newIncident('next'));
      expect(next.data.properties.incidentNumber).toBe(got.data.properties.incidentNumber + 1);
    } finally {
      await h.stop();
    }
  });

  it('seeds only once: a restart does not duplicate the demo data', async () => {
    const h = await startHarness('demo');
    try {
      const before = h.emulator.store.auditTable.size;
      await h.restart();
      expect(h.emulator.store.auditTable.size).toBe(before);
      expect(h.emulator.store.listIncidents().map((i) => i.properties.incidentNumber).sort()).toEqual([405207, 405208, 405209, 405210, 405211]);
    } finally {
      await h.stop();
    }
  });

  it('discards a torn write at the end of the journal and keeps everything acknowledged', async () => {
    const h = await startHarness('empty');
    try {
      await h.arm('PUT', `/incidents/${ID}`, newIncident('acknowledged'));
      const journal = path.join(h.dataDir, 'journal.log');
      await h.emulator.close();
      // A crash in the middle of the next transaction: its lines but no commit marker.
      fs.appendFileSync(journal, 'S {"op":"putIncident","incident":{"name":"half-written"\nA 2 1700000000000 {"Title":"nev');
      const size = fs.statSync(journal).size;
      await h.restart();
      expect((await h.arm('GET', `/incidents/${ID}`)).data.properties.title).toBe('acknowledged');
      expect((await h.arm('GET', '/incidents/half-written')).status).toBe(404);
      expect(fs.statSync(journal).size).toBeLessThan(size);
      expect((await h.arm('PUT', '/incidents/bbbbbbbb-0000-4000-8000-000000000003', newIncident('after crash'))).status).toBe(201);
      await h.restart();
      expect((await h.arm('GET', '/incidents/bbbbbbbb-0000-4000-8000-000000000003')).status).toBe(200);
    } finally {
      await h.stop();
    }
  });

  it('refuses a second process on the same data directory with a clear error', async () => {
    const h = await startHarness('empty');
    try {
      // A real second process, running the compiled emulator store (npm test builds first).
      const child = spawn(process.execPath, ['-e', `
        const { WorkspaceStore } = require(${JSON.stringify(path.resolve(__dirname, '../../dist/emulator/store/workspaceStore.js'))});
        try { new WorkspaceStore(${JSON.stringify(h.dataDir)}, { subscriptionId: 's', resourceGroup: 'r', workspaceName: 'w', logAnalyticsWorkspaceId: 'l' }); console.log('OPENED'); }
        catch (e) { console.log(e.code + ': ' + e.message); process.exit(3); }
      `]);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(3);
      expect(out).toContain('DATA_DIR_LOCKED');
      expect(out).toContain(`in use by another process (pid ${process.pid})`);
    } finally {
      await h.stop();
    }
  });

  it('takes over the lock of a process that died', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-lock-'));
    fs.writeFileSync(path.join(dir, 'emulator.lock'), '999999');
    const h = await startHarness('empty', dir);
    try {
      expect((await h.arm('GET', '/incidents')).status).toBe(200);
    } finally {
      await h.stop();
    }
  });
});
