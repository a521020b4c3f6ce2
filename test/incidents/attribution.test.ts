/**
 * The attribution queue on its own: the comment API is a stand-in that fails as Sentinel
 * can (the integration tests run the same queue against the emulator's fault injection).
 */
import { AzureError } from '../../src/azure/errors';
import { AttributionQueue } from '../../src/incidents/attribution';
import { IncidentNames } from '../../src/incidents/incidentNames';

function api(failures: AzureError[]): { createComment: jest.Mock; written: Array<{ incidentId: string; commentId: string; message: string }> } {
  const written: Array<{ incidentId: string; commentId: string; message: string }> = [];
  const createComment = jest.fn(async (incidentId: string, commentId: string, message: string) => {
    const failure = failures.shift();
    if (failure) throw failure;
    written.push({ incidentId, commentId, message });
    return { name: commentId, properties: { message } };
  });
  return { createComment, written };
}

const unavailable = (): AzureError => new AzureError('UNAVAILABLE', 'Sentinel answered 503', { statusCode: 503, retryable: true });
const noSleep = async (): Promise<void> => undefined;

describe('AttributionQueue', () => {
  it('remembers what it queued per incident for 15 minutes, so the task views can name people before the audit table shows the comment', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const queue = new AttributionQueue(api([]), undefined, { sleep: noSleep, now: () => now });
    queue.add('incident-1', 'Task added via Teams by Ada: Call');
    queue.add('incident-2', 'Task added via Teams by Alex: Other');
    await queue.drain();
    expect(queue.recentFor('incident-1')).toEqual([{ message: 'Task added via Teams by Ada: Call', createdTime: '2026-12-01T10:00:00.000Z' }]);
    now += 16 * 60_000;
    expect(queue.recentFor('incident-1')).toEqual([]);
  });

  it('returns at once and writes the comment in the background', async () => {
    const a = api([]);
    const queue = new AttributionQueue(a, undefined, { sleep: noSleep });
    queue.add('incident-1', 'Assigned via Teams by Ada.');
    expect(queue.pending).toBe(1);
    await queue.drain();
    expect(a.written).toEqual([{ incidentId: 'incident-1', commentId: expect.any(String) as unknown, message: 'Assigned via Teams by Ada.' }]);
    expect(queue.stats()).toEqual({ pending: 0, written: 1, abandoned: 0 });
  });

  it('retries with the same comment id, so a lost answer cannot make two comments', async () => {
    const a = api([unavailable(), new AzureError('NETWORK', 'Sentinel connection failed (ECONNRESET)', { retryable: true }), unavailable()]);
    const waits: number[] = [];
    const queue = new AttributionQueue(a, undefined, { retryDelaysInMs: [10, 20], sleep: async (ms) => void waits.push(ms) });
    queue.add('incident-1', 'Closed via Teams by Ada.');
    await queue.drain();
    const ids = a.createComment.mock.calls.map((c: unknown[]) => c[1]);
    expect(new Set(ids).size).toBe(1);
    expect(a.written).toHaveLength(1);
    expect(waits).toEqual([10, 20, 20]);
  });

  it('gives up at once when the incident is gone, and after its attempts otherwise', async () => {
    const gone = api([new AzureError('NOT_FOUND', 'Sentinel answered 404', { statusCode: 404 })]);
    const q1 = new AttributionQueue(gone, undefined, { sleep: noSleep });
    q1.add('deleted', 'x');
    await q1.drain();
    expect(gone.createComment).toHaveBeenCalledTimes(1);
    expect(q1.stats().abandoned).toBe(1);

    const down = api(Array.from({ length: 10 }, unavailable));
    const q2 = new AttributionQueue(down, undefined, { sleep: noSleep, maxAttempts: 3 });
    q2.add('incident-1', 'x');
    await q2.drain();
    expect(down.createComment).toHaveBeenCalledTimes(3);
    expect(q2.stats()).toMatchObject({ written: 0, abandoned: 1 });
  });
});

describe('IncidentNames', () => {
  it('keeps the most recently used names within its bound', () => {
    const names = new IncidentNames(2);
    names.set(1, 'a');
    names.set(2, 'b');
    expect(names.get(1)).toBe('a');
    names.set(3, 'c');
    expect([names.get(1), names.get(2), names.get(3)]).toEqual(['a', undefined, 'c']);
    expect(names.size).toBe(2);
    names.forget(3);
    expect(names.get(3)).toBeUndefined();
  });
});
