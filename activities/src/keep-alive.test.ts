import { MockActivityEnvironment } from '@temporalio/testing';
import { keptAlive } from './keep-alive';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keptAlive (an activity that heartbeats while it runs)', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('heartbeats at once and every two seconds while the activity runs, and stops when it ends', async () => {
    const environment = new MockActivityEnvironment();
    let beats = 0;
    environment.on('heartbeat', () => (beats += 1));
    const slow = keptAlive(async (input: string) => {
      await pause(5_000);
      return `delivered ${input}`;
    });

    const running = environment.run(slow, 'case-202412345678:7:0');
    await jest.advanceTimersByTimeAsync(5_000);
    expect(await running).toBe('delivered case-202412345678:7:0');
    expect(beats).toBe(3);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(beats).toBe(3);
  });

  it('runs the activity as it is outside Temporal, and passes its failure on', async () => {
    const failing = keptAlive(async () => {
      throw new Error('the receiver is down');
    });
    await expect(failing()).rejects.toThrow('the receiver is down');
    await expect(keptAlive(async (value: number) => value * 2)(21)).resolves.toBe(42);
  });
});
