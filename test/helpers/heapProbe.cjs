// Preloaded (node -r) into a bot process under test that was started with --expose-gc and an
// IPC channel: answers "heap" with the heap still in use after a full garbage collection, so a
// test can tell a leak from garbage the collector has not reclaimed yet.
process.on('message', (message) => {
  if (message !== 'heap' || typeof global.gc !== 'function' || !process.send) return;
  global.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ heapUsed, rss });
});
