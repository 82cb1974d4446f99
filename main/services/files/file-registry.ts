/**
 * The files a teacher chose, behind opaque ids. The page only ever holds a `fileId`; main keeps the
 * path, opened and checked here — never a path taken on trust from the renderer:
 *  - the path must be absolute; symbolic links are resolved (realpath) and the target must be a
 *    regular, non-empty file that this OS user can read;
 *  - its first bytes must be media we can cast (image, video, sound, PDF: media-types.ts) or a
 *    document the presentation window shows (presentation-document.ts). Anything else is refused,
 *    so a page cannot turn the app into a way to hand a screen (or a window) an arbitrary file.
 *
 * Uploaded copies (web preview) are "owned": forgetting them, evicting them and dispose() delete them.
 */
import { randomBytes } from 'node:crypto';
import { realpath, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import type { FileKind, FileRef } from '../../../preload/contract/files';
import { ServiceError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { sanitizeName } from '../core/sanitize';
import { decideMediaType } from '../cast/media-types';
import { detectDocumentType, readFileHead } from '../display/presentation-document';

export type FileOrigin = 'picked' | 'dropped' | 'uploaded' | 'cli';

export interface ChosenFile extends FileRef {
  /** Resolved absolute path (never sent to the page). */
  path: string;
  origin: FileOrigin;
  /** A copy made by the app (upload): deleted when forgotten. */
  owned: boolean;
}

/** Error codes of the `files` domain (texts in assets/i18n/{fr,en}/errors/files.json). */
export const FILES_ERROR_CODES = [
  'files.unknown',
  'files.unreadable',
  'files.unsupported',
  'files.empty',
  'files.too_large',
  'files.invalid_path',
  'files.picker_unavailable',
  'files.upload_failed',
] as const;

const GUIDE = 'guide:prepare-lesson' as const;

export function filesError(code: (typeof FILES_ERROR_CODES)[number], params?: Record<string, string | number>, detail?: string): ServiceError {
  return new ServiceError(code, { guide: GUIDE, ...(params ? { params } : {}), ...(detail ? { detail: detail.slice(0, 300) } : {}) });
}

/** What a file's first bytes make of it, for casting and for the presentation window. Pure. */
export function classifyChosenFile(name: string, head: Uint8Array): { kind: FileKind; castable: boolean; presentable: boolean } | null {
  const cast = decideMediaType(name, head);
  const doc = detectDocumentType(name, head);
  const castable = cast.ok;
  const presentable = doc.ok;
  if (cast.ok) return { kind: cast.type.kind, castable, presentable };
  if (doc.ok) return { kind: doc.kind, castable, presentable };
  return null;
}

export interface FileRegistryOptions {
  logger?: Logger;
  /** How many chosen files are remembered (the oldest is forgotten first). */
  maxEntries?: number;
}

export class FileRegistry {
  private readonly files = new Map<string, ChosenFile>();
  private readonly log: Logger;
  private readonly maxEntries: number;

  constructor(options: FileRegistryOptions = {}) {
    this.log = options.logger ?? silentLogger;
    this.maxEntries = options.maxEntries ?? 200;
  }

  /**
   * Checks a file and gives it an id. `displayName`: the name the teacher knows (an upload's original
   * name; default the file's own). Throws files.* ServiceErrors.
   */
  async register(path: string, origin: FileOrigin, options: { owned?: boolean; displayName?: string } = {}): Promise<ChosenFile> {
    const shownName = sanitizeName(options.displayName ?? basename(path)) || '?';
    if (typeof path !== 'string' || !isAbsolute(path) || path.includes('\0')) throw filesError('files.invalid_path', { name: shownName });
    let resolved: string;
    let size: number;
    let head: Uint8Array;
    try {
      resolved = await realpath(path);
      ({ size, head } = await readFileHead(resolved));
    } catch (e) {
      throw filesError('files.unreadable', { name: shownName }, e instanceof Error ? e.message : String(e));
    }
    if (size === 0) throw filesError('files.empty', { name: shownName });
    // The name decides only among formats whose bytes are ambiguous; the bytes decide the rest.
    const kind = classifyChosenFile(shownName, head);
    if (!kind) throw filesError('files.unsupported', { name: shownName });
    const file: ChosenFile = {
      fileId: randomBytes(18).toString('base64url'),
      name: shownName,
      size,
      ...kind,
      path: resolved,
      origin,
      owned: options.owned ?? false,
    };
    this.files.set(file.fileId, file);
    while (this.files.size > this.maxEntries) {
      const oldest = this.files.keys().next().value as string;
      await this.forget(oldest);
    }
    this.log.info(`file chosen (${origin}, ${kind.kind}, ${size} bytes)`);
    return file;
  }

  /** The file behind an id, or files.unknown. */
  get(fileId: string): ChosenFile {
    const file = this.files.get(fileId);
    if (!file) throw filesError('files.unknown');
    return file;
  }

  has(fileId: string): boolean {
    return this.files.has(fileId);
  }

  /** Forgets a file; an owned copy (upload) is deleted with its private folder. */
  async forget(fileId: string): Promise<boolean> {
    const file = this.files.get(fileId);
    if (!file) return false;
    this.files.delete(fileId);
    if (file.owned) await rm(dirname(file.path), { recursive: true, force: true }).catch(() => undefined);
    return true;
  }

  async dispose(): Promise<void> {
    for (const id of [...this.files.keys()]) await this.forget(id);
  }
}

/** The contract view (no path). */
export function toFileRef(file: ChosenFile): FileRef {
  return { fileId: file.fileId, name: file.name, size: file.size, kind: file.kind, castable: file.castable, presentable: file.presentable };
}
