/**
 * Which files may be cast, and with which content type. A file is castable only when its extension is
 * in a small allow-list AND its first bytes look like that kind of file: the receiver trusts our
 * Content-Type, and the media server must never hand a renamed document or program to a screen.
 *
 * When the extension and the bytes disagree but stay in the same family (a JPEG saved as ".png", a
 * WebM saved as ".mp4"), the bytes win: that is what the receiver's decoder will see.
 */
import { extname } from 'node:path';

export type MediaKind = 'image' | 'video' | 'audio' | 'pdf';

export interface MediaType {
  mime: string;
  kind: MediaKind;
}

/** Extension (lower case, with the dot) → the type it announces. */
export const EXTENSION_TYPES: Readonly<Record<string, MediaType>> = {
  '.jpg': { mime: 'image/jpeg', kind: 'image' },
  '.jpeg': { mime: 'image/jpeg', kind: 'image' },
  '.png': { mime: 'image/png', kind: 'image' },
  '.gif': { mime: 'image/gif', kind: 'image' },
  '.webp': { mime: 'image/webp', kind: 'image' },
  '.mp4': { mime: 'video/mp4', kind: 'video' },
  '.m4v': { mime: 'video/mp4', kind: 'video' },
  '.webm': { mime: 'video/webm', kind: 'video' },
  '.mp3': { mime: 'audio/mpeg', kind: 'audio' },
  '.m4a': { mime: 'audio/mp4', kind: 'audio' },
  '.ogg': { mime: 'audio/ogg', kind: 'audio' },
  '.oga': { mime: 'audio/ogg', kind: 'audio' },
  '.wav': { mime: 'audio/wav', kind: 'audio' },
  '.pdf': { mime: 'application/pdf', kind: 'pdf' },
};

/** How many leading bytes `sniffMediaTypes` needs. */
export const SNIFF_LENGTH = 64;

function ascii(buf: Uint8Array, start: number, text: string): boolean {
  if (buf.length < start + text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** An MPEG audio frame header (layer I–III, any version): 11 sync bits, a valid layer and bitrate. */
function isMpegAudioFrame(buf: Uint8Array): boolean {
  if (buf.length < 4) return false;
  const [b0, b1, b2] = [buf[0]!, buf[1]!, buf[2]!];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x03; // 01 reserved
  const layer = (b1 >> 1) & 0x03; // 00 reserved
  const bitrate = b2 >> 4; // 1111 invalid
  const sampleRate = (b2 >> 2) & 0x03; // 11 reserved
  return version !== 1 && layer !== 0 && bitrate !== 0x0f && sampleRate !== 0x03;
}

/**
 * The types the bytes are compatible with, most likely first. Empty when the bytes match nothing we
 * cast. Pure; give it at least SNIFF_LENGTH bytes when the file has them.
 */
export function sniffMediaTypes(head: Uint8Array): MediaType[] {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return [{ mime: 'image/jpeg', kind: 'image' }];
  if (ascii(head, 0, '\x89PNG\r\n\x1a\n')) return [{ mime: 'image/png', kind: 'image' }];
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return [{ mime: 'image/gif', kind: 'image' }];
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return [{ mime: 'image/webp', kind: 'image' }];
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return [{ mime: 'audio/wav', kind: 'audio' }];
  if (ascii(head, 0, '%PDF-')) return [{ mime: 'application/pdf', kind: 'pdf' }];
  if (ascii(head, 0, 'OggS')) return [{ mime: 'audio/ogg', kind: 'audio' }];
  if (ascii(head, 0, 'ID3') || isMpegAudioFrame(head)) return [{ mime: 'audio/mpeg', kind: 'audio' }];
  // ISO base media (MP4/M4A): a box of type "ftyp" first; the major brand tells audio-only files apart.
  if (ascii(head, 4, 'ftyp')) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    const audioFirst = /^(M4A |M4B |M4P |F4A |F4B )$/.test(brand);
    const video: MediaType = { mime: 'video/mp4', kind: 'video' };
    const audio: MediaType = { mime: 'audio/mp4', kind: 'audio' };
    return audioFirst ? [audio, video] : [video, audio];
  }
  // EBML header: WebM (or Matroska, which browsers and Cast receivers play only as WebM).
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    const text = Buffer.from(head).toString('latin1');
    if (text.includes('webm')) return [{ mime: 'video/webm', kind: 'video' }];
    return [];
  }
  return [];
}

export type MediaDecision = { ok: true; type: MediaType } | { ok: false; reason: 'extension' | 'content' };

/**
 * Decides the type of a file from its name and first bytes (pure). `reason` says why a file is
 * refused: an extension outside the allow-list, or bytes that are not that kind of media.
 */
export function decideMediaType(fileName: string, head: Uint8Array): MediaDecision {
  const byName = EXTENSION_TYPES[extname(fileName).toLowerCase()];
  if (!byName) return { ok: false, reason: 'extension' };
  const sniffed = sniffMediaTypes(head);
  if (sniffed.some((t) => t.mime === byName.mime)) return { ok: true, type: byName };
  const sameKind = sniffed.find((t) => t.kind === byName.kind);
  if (sameKind) return { ok: true, type: sameKind };
  return { ok: false, reason: 'content' };
}

/** DLNA/UPnP object class for DIDL-Lite. */
export function upnpClassFor(kind: MediaKind): string {
  switch (kind) {
    case 'image':
    case 'pdf': // PDF pages are cast as rendered images
      return 'object.item.imageItem.photo';
    case 'video':
      return 'object.item.videoItem';
    case 'audio':
      return 'object.item.audioItem.musicTrack';
  }
}
