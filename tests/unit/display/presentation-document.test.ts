import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDocumentType, inspectPresentationFile } from '../../../main/services/display/presentation-document';
import { isServiceError } from '../../../main/services/core/errors';

const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const ftyp = (brand: string) => bytes([0, 0, 0, 0x20], 'ftyp', brand, [0, 0, 0, 0], 'isommp41');

describe('detectDocumentType', () => {
  it('recognises PDFs, also with junk before %PDF-', () => {
    expect(detectDocumentType('cours.pdf', bytes('%PDF-1.7\n'))).toEqual({ ok: true, kind: 'pdf', contentType: 'application/pdf' });
    expect(detectDocumentType('scan.pdf', bytes([0xef, 0xbb, 0xbf], '\r\n%PDF-1.4'))).toMatchObject({ ok: true, kind: 'pdf' });
  });

  it('recognises images by their signature whatever the extension says', () => {
    expect(detectDocumentType('photo.jpg', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ ok: true, kind: 'image', contentType: 'image/png' });
    expect(detectDocumentType('photo.png', bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: true, kind: 'image', contentType: 'image/jpeg' });
    expect(detectDocumentType('anim.gif', bytes('GIF89a'))).toMatchObject({ contentType: 'image/gif' });
    expect(detectDocumentType('a.webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toMatchObject({ contentType: 'image/webp' });
    expect(detectDocumentType('a.avif', ftyp('avif'))).toMatchObject({ kind: 'image', contentType: 'image/avif' });
    expect(detectDocumentType('plan.bmp', bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toMatchObject({ contentType: 'image/bmp' });
  });

  it('needs the .bmp extension for BMP (its signature is only two letters)', () => {
    expect(detectDocumentType('notes.txt', bytes('BM is a nice band'))).toEqual({ ok: false, reason: 'unsupported' });
  });

  it('recognises videos: MP4/M4V brands, MOV, WebM, Matroska, Ogg video', () => {
    expect(detectDocumentType('film.mp4', ftyp('isom'))).toEqual({ ok: true, kind: 'video', contentType: 'video/mp4' });
    expect(detectDocumentType('film.m4v', ftyp('M4V '))).toMatchObject({ kind: 'video', contentType: 'video/mp4' });
    expect(detectDocumentType('iphone.mov', ftyp('qt  '))).toMatchObject({ kind: 'video', contentType: 'video/quicktime' });
    expect(detectDocumentType('clip.webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'))).toMatchObject({ contentType: 'video/webm' });
    expect(detectDocumentType('clip.mkv', bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'))).toMatchObject({ contentType: 'video/x-matroska' });
    expect(detectDocumentType('clip.ogv', bytes('OggS', [0, 2]))).toMatchObject({ contentType: 'video/ogg' });
  });

  it('refuses HEIC photos, M4A/Ogg audio, executables, text, and empty files', () => {
    expect(detectDocumentType('IMG_0001.HEIC', ftyp('heic'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(detectDocumentType('chanson.m4a', ftyp('M4A '))).toEqual({ ok: false, reason: 'unsupported' });
    expect(detectDocumentType('chanson.m4a', ftyp('isom'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(detectDocumentType('chant.ogg', bytes('OggS'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(detectDocumentType('setup.pdf', bytes('MZ', [0x90, 0]))).toEqual({ ok: false, reason: 'unsupported' });
    expect(detectDocumentType('lisez-moi.txt', bytes('Bonjour'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(detectDocumentType('vide.pdf', new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
  });

  it('says "office" for Word/PowerPoint files so the message can suggest exporting to PDF', () => {
    expect(detectDocumentType('cours.pptx', bytes('PK', [3, 4]))).toEqual({ ok: false, reason: 'office' });
    expect(detectDocumentType('cours.DOC', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({ ok: false, reason: 'office' });
    expect(detectDocumentType('archive.zip', bytes('PK', [3, 4]))).toEqual({ ok: false, reason: 'unsupported' });
  });
});

describe('inspectPresentationFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'classe-present-'));
    await writeFile(join(dir, 'Leçon 3 « volcans » 🌋.pdf'), '%PDF-1.4\n1 0 obj\n');
    await writeFile(join(dir, 'vide.pdf'), '');
    await writeFile(join(dir, 'cours.pptx'), Buffer.from('PK\u0003\u0004rest'));
    await mkdir(join(dir, 'dossier.pdf'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('returns kind, type, size and the sanitised name of a real file (quotes and emoji in the name)', async () => {
    const file = await inspectPresentationFile(join(dir, 'Leçon 3 « volcans » 🌋.pdf'));
    expect(file).toEqual({ path: join(dir, 'Leçon 3 « volcans » 🌋.pdf'), name: 'Leçon 3 « volcans » 🌋.pdf', size: 17, kind: 'pdf', contentType: 'application/pdf' });
  });

  it('throws teacher-readable errors: missing file, folder, empty file, office document', async () => {
    const code = async (p: string) => {
      try {
        await inspectPresentationFile(p);
        return 'no error';
      } catch (e) {
        return isServiceError(e) ? `${e.code} ${String(e.params?.name)}` : 'other';
      }
    };
    expect(await code(join(dir, 'absent.pdf'))).toBe('display.presentation_no_file absent.pdf');
    expect(await code(join(dir, 'dossier.pdf'))).toBe('display.presentation_no_file dossier.pdf');
    expect(await code(join(dir, 'vide.pdf'))).toBe('display.presentation_empty_file vide.pdf');
    expect(await code(join(dir, 'cours.pptx'))).toBe('display.presentation_unsupported_file cours.pptx');
  });
});
