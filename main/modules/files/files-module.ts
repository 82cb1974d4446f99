/**
 * The teacher's chosen files, for the host: the registry of opaque ids, the Electron ways in (native
 * dialog, dropped file's path from the preload) and, in the web preview, the upload store the preview
 * server streams into. See docs/security.md, « Fichiers choisis ».
 */
import { join } from 'node:path';
import type { Handlers, Runtime } from '../../rpc/dispatcher';
import type { LogBook } from '../../services/core/logger';
import { FileRegistry, filesError, toFileRef } from '../../services/files/file-registry';
import { UploadStore } from '../../services/files/upload-store';

export interface FilesModuleOptions {
  runtime: Runtime;
  logBook: LogBook;
  userDataDir: string;
  /** Electron: opens the native « Ouvrir » dialog in main; resolves with the chosen path or null. */
  pickFile?: (() => Promise<string | null>) | null;
  /** Web preview: the biggest upload accepted (default 4 GiB). */
  maxUploadBytes?: number;
}

export interface FilesModule {
  readonly registry: FileRegistry;
  /** Web preview only: where uploads are streamed (null elsewhere). */
  readonly uploads: UploadStore | null;
  readonly handlers: Pick<Handlers, 'files.pick' | 'files.register' | 'files.forget'>;
  dispose(): Promise<void>;
}

export function createFilesModule(options: FilesModuleOptions): FilesModule {
  const log = options.logBook.logger('files');
  const registry = new FileRegistry({ logger: log });
  const uploads = options.runtime === 'web' ? new UploadStore({ root: join(options.userDataDir, 'uploads'), maxBytes: options.maxUploadBytes, logger: log }) : null;
  const pickFile = options.pickFile ?? null;

  const handlers: FilesModule['handlers'] = {
    'files.pick': async (_input, ctx) => {
      // The dialog belongs to the app's window; the web preview's page picks with the browser's input.
      if (ctx.transport !== 'electron' || !pickFile) throw filesError('files.picker_unavailable');
      const path = await pickFile();
      if (path === null) return null;
      return toFileRef(await registry.register(path, 'picked'));
    },
    'files.register': async ({ path }, ctx) => {
      // Only the app's preload gives real paths (webUtils.getPathForFile). A browser page has none, and
      // a web-preview client must not make main open arbitrary local paths: it uploads instead.
      if (ctx.transport !== 'electron') throw filesError('files.picker_unavailable');
      return toFileRef(await registry.register(path, 'dropped'));
    },
    'files.forget': async ({ fileId }) => ({ forgotten: await registry.forget(fileId) }),
  };

  return {
    registry,
    uploads,
    handlers,
    async dispose() {
      await registry.dispose();
      await uploads?.dispose();
    },
  };
}
