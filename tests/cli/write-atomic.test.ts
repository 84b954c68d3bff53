import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDebris } from '../../src/cli/debris';
import { hostTag, startOf } from '../../src/cli/owner';
import { tempPathFor, writeAtomic, writerOfTemp } from '../../src/cli/write-atomic';

let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));
const folder = async () => (dir = await mkdtemp(join(tmpdir(), 'write-atomic-')));

describe('writeAtomic', () => {
  it('replaces the file in one step, leaving nothing else', async () => {
    const path = join(await folder(), 'a.svg');
    await writeFile(path, 'old');
    await writeAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.svg']);
  });

  it('removes its temp file when the rename fails, and passes the error on', async () => {
    const target = join(await folder(), 'a.svg');
    await mkdir(join(target, 'in-the-way'), { recursive: true }); // a non-empty directory cannot be renamed over
    await expect(writeAtomic(target, 'new')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(await readdir(dir)).toEqual(['a.svg']);
    expect(await readdir(target)).toEqual(['in-the-way']);
  });

  it('removes its temp file when the write itself fails', async () => {
    const missing = join(await folder(), 'no-such-folder', 'a.svg');
    await expect(writeAtomic(missing, 'new')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('names its temp file after the writing process, which is how debris is told from work in progress', async () => {
    await folder();
    const host = hostname();
    const owner = (pid: number, start: string) => ({ pid, host, start });
    expect(writerOfTemp(basename(tempPathFor('x.cells.svg', owner(4242, '17'))))).toEqual({ pid: 4242, start: '17', hostTag: hostTag(host) });
    // Hyphens in ids and views alike: vgg-16's layers-expanded view.
    expect(writerOfTemp(basename(tempPathFor('vgg-16.layers-expanded.png', owner(4242, '17'))))).toEqual({ pid: 4242, start: '17', hostTag: hostTag(host) });
    expect(writerOfTemp('x.svg')).toBeUndefined();
    expect(writerOfTemp('notes.tmp')).toBeUndefined();
    await writeFile(join(dir, basename(tempPathFor('dead.cells.svg', owner(99_999_999, '1')))), '');
    await writeFile(join(dir, basename(tempPathFor('alive.cells.svg', owner(process.ppid, startOf(process.ppid)!)))), '');
    await writeFile(join(dir, basename(tempPathFor('reused.cells.svg', owner(process.ppid, '1')))), '');
    await writeFile(join(dir, basename(tempPathFor('elsewhere.cells.svg', { pid: 99_999_999, host: `not-${host}`, start: '1' }))), '');
    await writeFile(join(dir, 'legacy.cells.svg.99999999.tmp'), '');
    await writeFile(join(dir, 'odd.tmp'), '');
    expect(await findDebris(dir)).toEqual([
      { name: `dead.cells.svg.99999999.1.${hostTag(host)}.tmp`, reason: 'left by an interrupted run' },
      { name: 'legacy.cells.svg.99999999.tmp', reason: 'left by an interrupted run' },
      { name: `reused.cells.svg.${process.ppid}.1.${hostTag(host)}.tmp`, reason: `left by an interrupted run; PID ${process.ppid} now belongs to another process` },
    ]);
  });
});
