/**
 * Which file can be presented, and as what. The first bytes decide (a school file called .jpg is often
 * a PNG, and Chromium sniffs content anyway); the extension only settles formats whose signature is
 * ambiguous (BMP's two bytes, Ogg audio vs video) and names what to do with a Word/PowerPoint file.
 * Formats are the ones Electron's Chromium shows: PDF (through pdf.js), JPEG/PNG/GIF/WebP/AVIF/BMP,
 * MP4/MOV (H.264) and WebM/Matroska, Ogg video.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { ServiceError } from '../core/errors';
import { sanitizeName } from '../core/sanitize';

export type PresentationFileKind = 'pdf' | 'image' | 'video';

export type DocumentDetection =
  | { ok: true; kind: PresentationFileKind; contentType: string }
  | { ok: false; reason: 'empty' | 'unsupported' | 'office' };

/** How many bytes `detectDocumentType` looks at. */
export const HEAD_BYTES = 1024;

/**
 * The size and first HEAD_BYTES bytes of a regular file (what the type sniffers read), through one
 * handle so both describe the same file. Rejects with a plain Error for anything else; callers turn
 * it into their own message.
 */
export async function readFileHead(path: string): Promise<{ size: number; head: Uint8Array }> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file');
    const buffer = new Uint8Array(Math.min(HEAD_BYTES, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { size: info.size, head: buffer.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));
const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

const ISO_VIDEO_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'MSNV', 'dash', 'NDAS', 'f4v ', '3gp4', '3gp5', '3g2a']);
const OFFICE_EXTENSIONS = new Set(['.doc', '.docx', '.odt', '.ppt', '.pptx', '.pps', '.ppsx', '.odp', '.xls', '.xlsx', '.ods', '.rtf']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

export function detectDocumentType(fileName: string, head: Uint8Array): DocumentDetection {
  const ext = extensionOf(fileName);
  if (head.length === 0) return { ok: false, reason: 'empty' };

  // PDF: "%PDF-" must be in the first 1024 bytes (readers tolerate junk before it).
  if (ascii(head, 0, Math.min(head.length, HEAD_BYTES)).includes('%PDF-')) return { ok: true, kind: 'pdf', contentType: 'application/pdf' };

  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, kind: 'image', contentType: 'image/png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, kind: 'image', contentType: 'image/jpeg' };
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return { ok: true, kind: 'image', contentType: 'image/gif' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return { ok: true, kind: 'image', contentType: 'image/webp' };
  if (ascii(head, 0, 2) === 'BM' && ext === '.bmp' && head.length >= 14) return { ok: true, kind: 'image', contentType: 'image/bmp' };

  // ISO base media (MP4, MOV, AVIF, HEIC, M4A): "ftyp" box at offset 4, major brand after it.
  if (ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    if (brand === 'avif' || brand === 'avis') return { ok: true, kind: 'image', contentType: 'image/avif' };
    if (brand === 'qt  ') return { ok: true, kind: 'video', contentType: 'video/quicktime' };
    if (ISO_VIDEO_BRANDS.has(brand) && ext !== '.m4a') return { ok: true, kind: 'video', contentType: 'video/mp4' };
    // HEIC photos (iPhone), M4A audio: Chromium cannot show them as a picture or video.
    return { ok: false, reason: 'unsupported' };
  }
  // EBML: WebM or Matroska, told apart by the DocType in the header.
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    const header = ascii(head, 0, Math.min(head.length, 64));
    if (header.includes('webm')) return { ok: true, kind: 'video', contentType: 'video/webm' };
    if (header.includes('matroska')) return { ok: true, kind: 'video', contentType: 'video/x-matroska' };
    return { ok: false, reason: 'unsupported' };
  }
  if (ascii(head, 0, 4) === 'OggS' && ext === '.ogv') return { ok: true, kind: 'video', contentType: 'video/ogg' };

  // ZIP (docx/pptx/odp) or OLE2 (doc/ppt): an office document the teacher should export as PDF.
  const zipOrOle = startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (OFFICE_EXTENSIONS.has(ext) || (zipOrOle && ext !== '.zip')) return { ok: false, reason: OFFICE_EXTENSIONS.has(ext) ? 'office' : 'unsupported' };
  return { ok: false, reason: 'unsupported' };
}

export interface PresentationFile {
  path: string;
  /** Sanitised file name, for titles and messages. */
  name: string;
  size: number;
  kind: PresentationFileKind;
  contentType: string;
}

/**
 * Opens the chosen file, checks it is a regular non-empty file of a supported type. Throws a
 * ServiceError the teacher can read (display.presentation_no_file / _empty_file / _unsupported_file).
 */
export async function inspectPresentationFile(path: string): Promise<PresentationFile> {
  const name = sanitizeName(basename(path)) || '?';
  let head: Uint8Array;
  let size: number;
  try {
    ({ head, size } = await readFileHead(path));
  } catch (e) {
    throw new ServiceError('display.presentation_no_file', { params: { name }, detail: e instanceof Error ? e.message.slice(0, 300) : undefined, cause: e });
  }
  const detection = detectDocumentType(name, head);
  if (!detection.ok) {
    throw new ServiceError(detection.reason === 'empty' ? 'display.presentation_empty_file' : 'display.presentation_unsupported_file', { params: { name }, detail: detection.reason });
  }
  return { path, name, size, kind: detection.kind, contentType: detection.contentType };
}
