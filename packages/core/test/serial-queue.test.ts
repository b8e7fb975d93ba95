import { expect } from '@open-wc/testing';
import { SerialQueue } from '@odkit/core';

/** A task that finishes when told to, recording when it starts and ends. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  const task = async () => {
    log.push(`${name} start`);
    await done;
    log.push(`${name} end`);
    return name;
  };
  return { task, open };
}

describe("SerialQueue (the stores' and the checklist's one-at-a-time queue)", () => {
  it('runs tasks one at a time, in the order asked, each settling as its task does', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const first = queue.run(a.task);
    const second = queue.run(b.task);
    // b waits for a, even when b is let go first.
    b.open();
    a.open();
    expect(await first).to.equal('a');
    expect(await second).to.equal('b');
    expect(log).to.deep.equal(['a start', 'a end', 'b start', 'b end']);
  });

  it('a task that fails rejects its own run only: the ones after it still run', async () => {
    const queue = new SerialQueue();
    const failure = new Error('write failed');
    const results = await Promise.allSettled([
      queue.run(async () => 1),
      queue.run(() => Promise.reject(failure)),
      queue.run(async () => 3),
    ]);
    expect(results).to.deep.equal([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 3 },
    ]);
  });
});
