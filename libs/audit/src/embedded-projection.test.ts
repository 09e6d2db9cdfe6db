import { spawn } from 'node:child_process';
import readline from 'node:readline';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the embedded projection store, a process of its own', () => {
  it('stops when the process that started it is killed, rather than live on alone', async () => {
    // A starter, as npm start's supervisor or a test would be, that says the store's pid and then waits.
    const starter = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const { startEmbeddedProjectionStore } = require(${JSON.stringify(require.resolve('./embedded-projection'))});
         const probe = require('node:net').createServer().listen(0, '127.0.0.1', () => {
           const { port } = probe.address();
           probe.close(() => startEmbeddedProjectionStore({ port }).then((store) => {
             console.log('store ' + store.child.pid);
             setInterval(() => undefined, 1000);
           }));
         });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const storePid = await new Promise<number>((resolve, reject) => {
      readline.createInterface({ input: starter.stdout }).on('line', (line) => {
        const pid = /^store (\d+)$/.exec(line)?.[1];
        if (pid) resolve(Number(pid));
      });
      starter.once('exit', (code) =>
        reject(new Error(`the starter exited (${code}) before the store was up`)),
      );
    });
    expect(alive(storePid)).toBe(true);

    starter.kill('SIGKILL');
    for (let waited = 0; alive(storePid) && waited < 10_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(storePid)).toBe(false);
  }, 60_000);
});
