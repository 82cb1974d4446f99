/**
 * Reads the files picked in « Importer un profil » with the File API, the same way in Electron and in
 * the web preview (no path, no Node). The signature covers the exact bytes of the file, so the profile
 * is decoded strictly as UTF-8 *keeping* a byte-order mark: main encodes the text back to the very same
 * bytes. A file that is not UTF-8 is refused here with a message that says so.
 */
import { LIMITS } from '../../../preload/contract/limits';
import type { ProfileFiles } from './profile-slice';

/** A detached signature is one base64 line and a key-id line: far below this. */
const MAX_SIGNATURE_BYTES = 4096;

export type ReadResult = { ok: true; files: ProfileFiles } | { ok: false; code: string };

export async function readProfileFiles(profile: Blob, signature: Blob | null): Promise<ReadResult> {
  if (profile.size === 0) return { ok: false, code: 'profiles.import_unreadable' };
  if (profile.size > LIMITS.file) return { ok: false, code: 'profiles.too_large' };
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await profile.arrayBuffer());
  } catch (e) {
    return { ok: false, code: e instanceof TypeError ? 'profiles.import_not_utf8' : 'profiles.import_unreadable' };
  }
  if (!signature) return { ok: true, files: { content } };
  if (signature.size === 0 || signature.size > MAX_SIGNATURE_BYTES) return { ok: false, code: 'profiles.signature_malformed' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await signature.arrayBuffer());
  } catch {
    return { ok: false, code: 'profiles.signature_malformed' };
  }
  return { ok: true, files: { content, signature: text } };
}
