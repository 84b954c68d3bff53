import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDebris } from '../../src/cli/debris';
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
    expect(writerOfTemp(tempPathFor('x.svg', 4242))).toBe(4242);
    expect(writerOfTemp('x.svg')).toBeUndefined();
    await writeFile(join(dir, tempPathFor('dead.svg', 99_999_999)), '');
    await writeFile(join(dir, tempPathFor('alive.svg', process.ppid)), '');
    await writeFile(join(dir, 'odd.tmp'), '');
    expect(await findDebris(dir)).toEqual(['dead.svg.99999999.tmp', 'odd.tmp']);
  });
});
