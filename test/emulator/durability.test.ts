/**
 * Data survive restarts and crashes: what was acknowledged is on disk, a torn last write is
 * cut off, damage elsewhere is reported, and one process at a time owns a data directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import axios from 'axios';
import { LOCK_FILE } from '../../src/emulator/store/lock';
import { JOURNAL_FILE } from '../../src/emulator/store/workspaceStore';
import { guid, newIncident, startHarness, tempDataDir, WS_PATH, API, mintToken } from './helpers/emulatorHarness';
import { spawnEmulator } from './helpers/emulatorProcess';

const ID = guid(1, 'bbbbbbbb');

describe('restart', () => {
  it('keeps incidents, tasks, comments, etags and audit records, and numbering continues', async () => {
    const h = await startHarness();
    try {
      const created = await h.arm('PUT', `/incidents/${ID}`, newIncident('survives'));
      await h.arm('PUT', `/incidents/${ID}/tasks/t1`, { properties: { title: 'a task', status: 'Completed' } });
      await h.arm('PUT', `/incidents/${ID}/comments/c1`, { properties: { message: 'a comment' } });
      await h.arm('PUT', `/incidents/${guid(2, 'bbbbbbbb')}`, newIncident('deleted before the restart'));
      await h.arm('DELETE', `/incidents/${guid(2, 'bbbbbbbb')}`);
      const before = (await h.arm('GET', `/incidents/${ID}`)).data;
      const records = h.emulator.store.auditTable.size;
      await h.restart();
      const after = await h.arm('GET', `/incidents/${ID}`);
      expect(after.data).toEqual(before);
      expect((await h.arm('GET', `/incidents/${ID}/tasks/t1`)).data.properties.status).toBe('Completed');
      expect((await h.arm('GET', `/incidents/${ID}/comments/c1`)).data.properties.message).toBe('a comment');
      expect((await h.arm('GET', `/incidents/${guid(2, 'bbbbbbbb')}`)).status).toBe(404);
      expect(h.emulator.store.auditTable.size).toBe(records);
      const next = await h.arm('PUT', `/incidents/${guid(3, 'bbbbbbbb')}`, newIncident('next'));
      expect(next.data.properties.incidentNumber).toBe(created.data.properties.incidentNumber + 2);
      // The audit clock goes on after the restart: the new record is the latest.
      const rows = [...h.emulator.store.auditTable.scan({})] as Array<{ TimeGenerated: string }>;
      const times = rows.map((r) => Date.parse(r.TimeGenerated));
      expect(Math.max(...times)).toBe(times.at(-1));
    } finally {
      await h.stop();
    }
  });

  it('keeps what a process acknowledged before it was killed (SIGKILL)', async () => {
    const dataDir = tempDataDir();
    const proc = spawnEmulator(dataDir, ['--empty']);
    try {
      const url = await proc.url;
      const res = await axios.put(`${url}${WS_PATH}/incidents/${ID}?${API}`, newIncident('acknowledged, then killed'), { headers: { Authorization: `Bearer ${await mintToken(url)}` } });
      expect(res.status).toBe(201);
      proc.child.kill('SIGKILL');
      await proc.exit;
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true); // left behind by the killed process
      const h = await startHarness({ dataDir });
      try {
        expect((await h.arm('GET', `/incidents/${ID}`)).data.properties.title).toBe('acknowledged, then killed');
      } finally {
        await h.stop();
      }
    } finally {
      proc.child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('torn writes and damage', () => {
  it('discards a transaction without its commit line, truncates it, and goes on', async () => {
    const h = await startHarness();
    try {
      await h.arm('PUT', `/incidents/${ID}`, newIncident('acknowledged'));
      const journal = path.join(h.dataDir, JOURNAL_FILE);
      await h.emulator.close();
      const good = fs.statSync(journal).size;
      fs.appendFileSync(journal, 'S {"op":"incident","incident":{"name":"half-written"\nA 2 1700000000000 {"Title":"nev');
      await h.restart();
      expect(fs.statSync(journal).size).toBe(good);
      expect((await h.arm('GET', `/incidents/${ID}`)).data.properties.title).toBe('acknowledged');
      expect((await h.arm('GET', '/incidents/half-written')).status).toBe(404);
      expect((await h.arm('PUT', `/incidents/${guid(3, 'bbbbbbbb')}`, newIncident('after the crash'))).status).toBe(201);
      await h.restart();
      expect((await h.arm('GET', `/incidents/${guid(3, 'bbbbbbbb')}`)).status).toBe(200);
    } finally {
      await h.stop();
    }
  });

  it('discards a last transaction whose bytes do not match its commit line', async () => {
    const h = await startHarness();
    try {
      await h.arm('PUT', `/incidents/${ID}`, newIncident('first'));
      const journal = path.join(h.dataDir, JOURNAL_FILE);
      const good = fs.statSync(journal).size;
      await h.arm('PUT', `/incidents/${guid(4, 'bbbbbbbb')}`, newIncident('torn'));
      await h.emulator.close();
      // The last transaction's pages reached the disk only in part: a hole of zeros.
      const bytes = fs.readFileSync(journal);
      bytes.fill(0x20, good + 40, good + 80);
      fs.writeFileSync(journal, bytes);
      await h.restart();
      expect(fs.statSync(journal).size).toBe(good);
      expect((await h.arm('GET', `/incidents/${ID}`)).status).toBe(200);
      expect((await h.arm('GET', `/incidents/${guid(4, 'bbbbbbbb')}`)).status).toBe(404);
    } finally {
      await h.stop();
    }
  });

  it('refuses to start on damage followed by committed transactions, and names the file', async () => {
    const h = await startHarness();
    try {
      await h.arm('PUT', `/incidents/${ID}`, newIncident('first'));
      await h.arm('PUT', `/incidents/${guid(5, 'bbbbbbbb')}`, newIncident('second'));
      await h.emulator.close();
      const journal = path.join(h.dataDir, JOURNAL_FILE);
      const bytes = fs.readFileSync(journal);
      const at = bytes.indexOf('first');
      bytes.write('FIRST', at);
      fs.writeFileSync(journal, bytes);
      await expect(h.restart()).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT', message: expect.stringContaining(journal) });
      expect(fs.readFileSync(journal)).toEqual(bytes); // nothing was cut
      expect(fs.existsSync(path.join(h.dataDir, LOCK_FILE))).toBe(false);
    } finally {
      fs.rmSync(h.dataDir, { recursive: true, force: true });
    }
  });
});

describe('one process per data directory', () => {
  it('refuses a second process with a clear error', async () => {
    const h = await startHarness();
    try {
      const second = spawnEmulator(h.dataDir);
      const result = await second.exit;
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`The emulator data directory ${h.dataDir} is in use by another process (pid ${process.pid})`);
      expect((await h.arm('GET', '/incidents')).status).toBe(200); // the first one is untouched
    } finally {
      await h.stop();
    }
  });

  it('refuses a second emulator in the same process too', async () => {
    const h = await startHarness();
    try {
      await expect(startHarness({ dataDir: h.dataDir })).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
    } finally {
      await h.stop();
    }
  });

  it('takes over the lock of a process that is gone', async () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), '999999\n');
    const h = await startHarness({ dataDir: dir });
    try {
      expect((await h.arm('GET', '/incidents')).status).toBe(200);
      expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    } finally {
      await h.stop();
    }
  });
});

describe('npm run emulator', () => {
  it('prints where it listens and where the data is, seeds, stops cleanly on SIGTERM, and --reset wipes', async () => {
    const dataDir = tempDataDir();
    try {
      const first = spawnEmulator(dataDir);
      const url = await first.url;
      const health = await axios.get(`${url}/_emulator/health`);
      expect(health.data).toMatchObject({ status: 'ok', incidents: 5, dataDir });
      await axios.put(`${url}${WS_PATH}/incidents/${ID}?${API}`, newIncident('mine'), { headers: { Authorization: `Bearer ${await mintToken(url)}` } });
      first.child.kill('SIGTERM');
      const ended = await first.exit;
      expect(ended.code).toBe(0);
      expect(ended.stdout.trim().split('\n')).toHaveLength(1);
      expect(ended.stdout).toContain(`data in ${dataDir} (5 incidents, 24 audit records)`);
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);

      const again = spawnEmulator(dataDir);
      expect((await axios.get(`${await again.url}/_emulator/health`)).data.incidents).toBe(6);
      again.child.kill('SIGTERM');
      await again.exit;

      const reset = spawnEmulator(dataDir, ['--reset', '--empty']);
      expect((await axios.get(`${await reset.url}/_emulator/health`)).data).toMatchObject({ incidents: 0, auditRecords: 0 });
      reset.child.kill('SIGTERM');
      await reset.exit;
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown flag', async () => {
    const dataDir = tempDataDir();
    const result = await spawnEmulator(dataDir, ['--bogus']).exit;
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option --bogus');
  });
});
