import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideMediaType, sniffMediaTypes, upnpClassFor } from '../../../main/services/cast/media-types';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cast');
const head = (file: string) => readFileSync(join(FIXTURES, file)).subarray(0, 64);

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const SAMPLES = {
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0], '\0\x10JFIF'),
  png: bytes('\x89PNG\r\n\x1a\n', '\0\0\0\rIHDR'),
  gif: bytes('GIF89a', [1, 0, 1, 0]),
  webp: bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '),
  wav: bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '),
  pdf: bytes('%PDF-1.7\n'),
  ogg: bytes('OggS', [0, 2]),
  mp3id3: bytes('ID3', [4, 0, 0]),
  mp3frame: bytes([0xff, 0xfb, 0x90, 0x64]),
  mp4: bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isomiso2'),
  m4a: bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0], 'M4A mp42isom'),
  webm: bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'),
  mkv: bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88], 'matroska'),
  exe: bytes('MZ', [0x90, 0]),
  text: bytes('Bonjour la classe'),
  zip: bytes('PK', [3, 4]),
};

describe('sniffMediaTypes', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
    ['wav', 'audio/wav'],
    ['pdf', 'application/pdf'],
    ['ogg', 'audio/ogg'],
    ['mp3id3', 'audio/mpeg'],
    ['mp3frame', 'audio/mpeg'],
    ['mp4', 'video/mp4'],
    ['m4a', 'audio/mp4'],
    ['webm', 'video/webm'],
  ] as const)('recognises %s', (sample, mime) => {
    expect(sniffMediaTypes(SAMPLES[sample])[0]?.mime).toBe(mime);
  });

  it.each(['exe', 'text', 'zip', 'mkv'] as const)('recognises nothing castable in %s', (sample) => {
    expect(sniffMediaTypes(SAMPLES[sample])).toEqual([]);
  });

  it('does not take 0xFF 0xFB… for MP3 when the header fields are reserved values', () => {
    expect(sniffMediaTypes(bytes([0xff, 0xff, 0xff, 0xff]))).toEqual([]); // layer ok, bitrate 1111 invalid
    expect(sniffMediaTypes(bytes([0xff, 0xe9, 0x90, 0x00]))).toEqual([]); // reserved layer 00
  });

  it('recognises the real fixtures', () => {
    expect(sniffMediaTypes(head('lesson-video.webm'))[0]?.mime).toBe('video/webm');
    expect(sniffMediaTypes(head('lesson-audio.mp3'))[0]?.mime).toBe('audio/mpeg');
    expect(sniffMediaTypes(head('lesson-image.png'))[0]?.mime).toBe('image/png');
    expect(sniffMediaTypes(head('lesson-photo.jpg'))[0]?.mime).toBe('image/jpeg');
  });

  it('copes with files shorter than a header', () => {
    expect(sniffMediaTypes(new Uint8Array())).toEqual([]);
    expect(sniffMediaTypes(bytes('RIFF'))).toEqual([]);
    expect(sniffMediaTypes(bytes([0, 0, 0]))).toEqual([]);
  });
});

describe('decideMediaType', () => {
  it('accepts a file whose extension and bytes agree, with the extension’s type', () => {
    expect(decideMediaType('Sortie au zoo.MP4', SAMPLES.mp4)).toEqual({ ok: true, type: { mime: 'video/mp4', kind: 'video' } });
    expect(decideMediaType('chant.m4a', SAMPLES.m4a)).toEqual({ ok: true, type: { mime: 'audio/mp4', kind: 'audio' } });
    // An audio-only MP4 named .m4a whose brand says video: still audio/mp4, ftyp covers both.
    expect(decideMediaType('chant.m4a', SAMPLES.mp4)).toEqual({ ok: true, type: { mime: 'audio/mp4', kind: 'audio' } });
    expect(decideMediaType('fiche.pdf', SAMPLES.pdf)).toEqual({ ok: true, type: { mime: 'application/pdf', kind: 'pdf' } });
  });

  it('trusts the bytes when the extension lies within the same family (JPEG saved as .png)', () => {
    expect(decideMediaType('photo.png', SAMPLES.jpeg)).toEqual({ ok: true, type: { mime: 'image/jpeg', kind: 'image' } });
    expect(decideMediaType('film.mp4', SAMPLES.webm)).toEqual({ ok: true, type: { mime: 'video/webm', kind: 'video' } });
  });

  it('refuses an extension outside the allow-list, whatever the bytes', () => {
    expect(decideMediaType('diaporama.pptx', SAMPLES.zip)).toEqual({ ok: false, reason: 'extension' });
    expect(decideMediaType('film.mkv', SAMPLES.webm)).toEqual({ ok: false, reason: 'extension' });
    expect(decideMediaType('image', SAMPLES.png)).toEqual({ ok: false, reason: 'extension' });
  });

  it('refuses a renamed non-media file or a different family', () => {
    expect(decideMediaType('video.mp4', SAMPLES.exe)).toEqual({ ok: false, reason: 'content' });
    expect(decideMediaType('notes.pdf', SAMPLES.text)).toEqual({ ok: false, reason: 'content' });
    expect(decideMediaType('photo.jpg', SAMPLES.pdf)).toEqual({ ok: false, reason: 'content' });
    expect(decideMediaType('vide.mp3', new Uint8Array())).toEqual({ ok: false, reason: 'content' });
  });

  it('handles names with quotes, emoji and several dots', () => {
    expect(decideMediaType('La "mare" 🦆.v2.webm', SAMPLES.webm)).toMatchObject({ ok: true, type: { mime: 'video/webm' } });
  });
});

describe('upnpClassFor', () => {
  it('maps kinds to DIDL-Lite classes (PDF pages are photos)', () => {
    expect(upnpClassFor('image')).toBe('object.item.imageItem.photo');
    expect(upnpClassFor('pdf')).toBe('object.item.imageItem.photo');
    expect(upnpClassFor('video')).toBe('object.item.videoItem');
    expect(upnpClassFor('audio')).toBe('object.item.audioItem.musicTrack');
  });
});
