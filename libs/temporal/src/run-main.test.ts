import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('a Saksflyt process (runMain)', () => {
  it('creates files and folders readable by its own user alone (issue 13, finding 5)', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-umask-'));
    try {
      const script = `
        require('tsx/cjs/api').register();
        const fs = require('node:fs');
        const { runMain } = require(${JSON.stringify(path.join(__dirname, 'run-main.ts'))});
        runMain(async () => {
          fs.mkdirSync(${JSON.stringify(path.join(folder, 'data'))});
          fs.writeFileSync(${JSON.stringify(path.join(folder, 'data', 'message.json'))}, '{}');
          console.log(JSON.stringify({
            folder: fs.statSync(${JSON.stringify(path.join(folder, 'data'))}).mode & 0o777,
            file: fs.statSync(${JSON.stringify(path.join(folder, 'data', 'message.json'))}).mode & 0o777,
          }));
        });`;
      const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ folder: 0o700, file: 0o600 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
