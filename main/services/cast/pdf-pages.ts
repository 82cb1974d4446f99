/**
 * PDF pages as images, for screens that show images but not PDF (Cast and DLNA receivers): one page is
 * rendered to a PNG at the receiver's size and cast; next/previous render the neighbour.
 *
 * pdf.js (pdfjs-dist 5.6, the last line that supports Node 20.19) with @napi-rs/canvas (prebuilt
 * binaries in per-platform packages: no install script). Rendering runs in this process with pdf.js's
 * built-in "fake worker"; one page takes ~100–300 ms, once per page turn.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { castError } from './cast-errors';

const require = createRequire(import.meta.url);

/** Biggest PDF we open (pdf.js holds it in memory). */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
}

export interface PdfDocumentHandle {
  readonly pageCount: number;
  /** Renders page `index` (0-based) to fit in maxWidth × maxHeight, as PNG. */
  renderPage(index: number, box?: { maxWidth: number; maxHeight: number }): Promise<RenderedPage>;
  close(): Promise<void>;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  // Loaded on first use: pdf.js is large and most sessions never cast a PDF.
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

function assetDir(name: string): string {
  return join(dirname(require.resolve('pdfjs-dist/package.json')), name) + '/';
}

/** Opens a PDF; throws cast.pdf_unreadable (or cast.file_unreadable) with a clear code. */
export async function openPdf(file: string): Promise<PdfDocumentHandle> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw castError('cast.file_unreadable', { params: { file: basename(file) }, detail: (e as Error).message, cause: e });
  }
  if (data.length > MAX_PDF_BYTES) throw castError('cast.pdf_unreadable', { params: { file: basename(file) }, detail: 'PDF too large' });
  const pdfjs = await loadPdfJs();
  const { createCanvas } = await import('@napi-rs/canvas');
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      isEvalSupported: false,
      verbosity: 0,
      standardFontDataUrl: assetDir('standard_fonts'),
      cMapUrl: assetDir('cmaps'),
      cMapPacked: true,
      wasmUrl: assetDir('wasm'),
      iccUrl: assetDir('iccs'),
    }).promise;
  } catch (e) {
    throw castError('cast.pdf_unreadable', { params: { file: basename(file) }, detail: (e as Error).message, cause: e });
  }
  return {
    pageCount: doc.numPages,
    async renderPage(index, box = { maxWidth: 1920, maxHeight: 1080 }) {
      if (!Number.isInteger(index) || index < 0 || index >= doc.numPages) throw new RangeError(`page ${index} out of 0..${doc.numPages - 1}`);
      try {
        const page = await doc.getPage(index + 1);
        const unit = page.getViewport({ scale: 1 });
        const scale = Math.min(box.maxWidth / unit.width, box.maxHeight / unit.height, 4);
        const viewport = page.getViewport({ scale });
        const width = Math.max(1, Math.floor(viewport.width));
        const height = Math.max(1, Math.floor(viewport.height));
        const canvas = createCanvas(width, height);
        const ctx = canvas.getContext('2d');
        // PDF pages are paper: white, not transparent (a receiver would show black behind).
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, width, height);
        // pdf.js types its canvas as the DOM one; @napi-rs/canvas implements the same drawing API.
        type RenderParameters = Parameters<typeof page.render>[0];
        await page.render({
          canvas: canvas as unknown as RenderParameters['canvas'],
          canvasContext: ctx as unknown as RenderParameters['canvasContext'],
          viewport,
        }).promise;
        page.cleanup();
        return { png: await canvas.encode('png'), width, height };
      } catch (e) {
        throw castError('cast.pdf_unreadable', { params: { file: basename(file) }, detail: (e as Error).message, cause: e });
      }
    },
    async close() {
      await doc.destroy();
    },
  };
}
