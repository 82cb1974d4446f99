import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyChosenFile, FileRegistry, toFileRef } from '../../../main/services/files/file-registry';
import { safeUploadName } from '../../../main/services/files/upload-store';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cast');
let dir: string;
let png: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classe-files-'));
  png = await readFile(join(FIXTURES, 'lesson-image.png'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);

describe('classifyChosenFile (what the bytes make of a chosen file)', () => {
  it('castable and presentable media: picture, video, PDF', () => {
    expect(classifyChosenFile('carte.png', png)).toEqual({ kind: 'image', castable: true, presentable: true });
    expect(classifyChosenFile('leçon.pdf', bytes('%PDF-1.4\n'))).toEqual({ kind: 'pdf', castable: true, presentable: true });
  });

  it('a sound can be cast but not presented; a BMP presented but not cast', () => {
    expect(classifyChosenFile('chanson.mp3', bytes('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000'))).toEqual({ kind: 'audio', castable: true, presentable: false });
    const bmp = new Uint8Array(64);
    bmp.set(bytes('BM'));
    expect(classifyChosenFile('schéma.bmp', bmp)).toEqual({ kind: 'image', castable: false, presentable: true });
  });

  it('refuses a renamed document or program, whatever its name says', () => {
    expect(classifyChosenFile('photo.png', bytes('#!/bin/sh\necho'))).toBeNull();
    expect(classifyChosenFile('cours.pdf', bytes('PK\u0003\u0004word/document.xml'))).toBeNull();
    expect(classifyChosenFile('notes.txt', bytes('Bonjour'))).toBeNull();
  });
});

describe('FileRegistry', () => {
  it('registers a real media file under an opaque id; the contract view has no path', async () => {
    const path = join(dir, `Carte d'Hérault 🗺️.png`);
    await writeFile(path, png);
    const registry = new FileRegistry();
    const file = await registry.register(path, 'dropped');
    expect(file.fileId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(toFileRef(file)).toEqual({ fileId: file.fileId, name: `Carte d'Hérault 🗺️.png`, size: png.length, kind: 'image', castable: true, presentable: true });
    expect(registry.get(file.fileId).path).toBe(path);
    expect(() => registry.get('AbCdEfGhIjKlMnOpQrStUv')).toThrow(expect.objectContaining({ code: 'files.unknown' }));
  });

  it('refuses relative paths, directories, missing, empty and non-media files with the right codes', async () => {
    const registry = new FileRegistry();
    await writeFile(join(dir, 'vide.png'), '');
    await writeFile(join(dir, 'script.png'), '#!/bin/sh\n');
    await mkdir(join(dir, 'dossier.png'), { recursive: true });
    await expect(registry.register('carte.png', 'dropped')).rejects.toMatchObject({ code: 'files.invalid_path' });
    await expect(registry.register(join(dir, 'dossier.png'), 'dropped')).rejects.toMatchObject({ code: 'files.unreadable' });
    await expect(registry.register(join(dir, 'absent.png'), 'dropped')).rejects.toMatchObject({ code: 'files.unreadable', params: { name: 'absent.png' } });
    await expect(registry.register(join(dir, 'vide.png'), 'dropped')).rejects.toMatchObject({ code: 'files.empty' });
    await expect(registry.register(join(dir, 'script.png'), 'dropped')).rejects.toMatchObject({ code: 'files.unsupported', guide: 'guide:prepare-lesson' });
    await expect(registry.register(`${join(dir, 'x.png')}\0`, 'dropped')).rejects.toMatchObject({ code: 'files.invalid_path' });
  });

  it('follows a symbolic link to the real file, and still checks what it points to', async () => {
    await writeFile(join(dir, 'vraie.png'), png);
    await symlink(join(dir, 'vraie.png'), join(dir, 'lien.png'));
    await symlink('/etc/hostname', join(dir, 'piège.png'));
    const registry = new FileRegistry();
    expect((await registry.register(join(dir, 'lien.png'), 'dropped')).path).toBe(join(dir, 'vraie.png'));
    await expect(registry.register(join(dir, 'piège.png'), 'dropped')).rejects.toMatchObject({ code: expect.stringMatching(/^files\.(unsupported|unreadable)$/) });
  });

  it('deletes an owned copy (upload) with its folder when forgotten or evicted, never a teacher’s own file', async () => {
    const registry = new FileRegistry({ maxEntries: 2 });
    const ownFolder = join(dir, 'up1');
    await mkdir(ownFolder);
    await writeFile(join(ownFolder, 'a.png'), png);
    await writeFile(join(dir, 'mine.png'), png);
    const owned = await registry.register(join(ownFolder, 'a.png'), 'uploaded', { owned: true, displayName: 'Ma carte.png' });
    expect(owned.name).toBe('Ma carte.png');
    const mine = await registry.register(join(dir, 'mine.png'), 'picked');
    expect(await registry.forget(owned.fileId)).toBe(true);
    expect(existsSync(ownFolder)).toBe(false);
    await registry.register(join(dir, 'mine.png'), 'picked');
    await registry.register(join(dir, 'mine.png'), 'picked');
    // The oldest (mine) was evicted; the teacher's file is untouched.
    expect(registry.has(mine.fileId)).toBe(false);
    expect(existsSync(join(dir, 'mine.png'))).toBe(true);
  });
});

describe('safeUploadName (an uploaded file name is a label, one safe segment)', () => {
  it.each([
    ['../../etc/passwd', '_._etc_passwd'],
    ['..\\..\\Windows\\win.ini', '_._Windows_win.ini'],
    ['.bashrc', 'bashrc'],
    ['..', 'fichier'],
    ['', 'fichier'],
    ['a/b.png', 'a_b.png'],
    ['Carte « Hérault » 🗺️.png', 'Carte « Hérault » 🗺️.png'],
    ['con\u0000trol\u0007.png', 'con trol .png'],
  ])('%j → %j', (raw, safe) => {
    expect(safeUploadName(raw)).toBe(safe);
  });

  it('caps long names and keeps the extension', () => {
    const name = safeUploadName(`${'é'.repeat(300)}.webm`);
    expect(Array.from(name).length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.webm')).toBe(true);
  });
});
