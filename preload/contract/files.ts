import { z } from 'zod';
import { channel, LIMITS, NoInput } from './common';

/**
 * Files a teacher chose to cast or present. The renderer never hands main a file's content, and main
 * never trusts a path from the renderer: it opens, checks and keeps the file itself, and the page only
 * holds an opaque `fileId` (see docs/security.md, « Fichiers choisis »).
 *
 * How a file gets its id, identically for the page:
 *  - Electron: `files.pick` (the native dialog, in main) or a drop: the preload turns the dropped File
 *    into its path (webUtils.getPathForFile) and calls `files.register`; main validates the path.
 *  - Web preview: the page uploads the bytes to the preview server (POST /files, token + Origin checked,
 *    size-capped, streamed to a temporary folder removed at exit), which answers the same FileRef.
 */
export const FileId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const FileKind = z.enum(['image', 'video', 'audio', 'pdf']);
export type FileKind = z.infer<typeof FileKind>;

export const FileRef = z.strictObject({
  fileId: FileId,
  /** The file's name, sanitized: shown as text only. */
  name: z.string().max(LIMITS.name),
  size: z.number().int().nonnegative(),
  kind: FileKind,
  /** A Cast/DLNA screen can show it (image, video, sound, PDF page by page). */
  castable: z.boolean(),
  /** The presentation window can show it (PDF, image, video). */
  presentable: z.boolean(),
});
export type FileRef = z.infer<typeof FileRef>;

export const filesChannels = {
  /** The app's native « Ouvrir » dialog (Electron only); null when the teacher cancelled. */
  'files.pick': channel(NoInput, FileRef.nullable(), [undefined]),
  /** A dropped file's path, given by the preload (Electron only); main checks it and keeps it. */
  'files.register': channel(z.strictObject({ path: z.string().min(1).max(LIMITS.path) }), FileRef, [{ path: '/home/prof/Documents/carte.png' }]),
  /** The page no longer needs this file (an uploaded copy is deleted). */
  'files.forget': channel(z.strictObject({ fileId: FileId }), z.strictObject({ forgotten: z.boolean() }), [{ fileId: 'AbCdEfGhIjKlMnOpQrStUv' }]),
};

/** The web preview's upload endpoint (HTTP, not the WebSocket): POST with the token and the file's
 * name, percent-encoded in UPLOAD_NAME_HEADER (any Unicode name survives an HTTP header). */
export { UPLOAD_PATH, UPLOAD_NAME_HEADER } from './limits';
