/**
 * The presentation viewer: runs in the presentation window, which has no preload, no Node, a sandbox,
 * its own session and a strict CSP. It shows ONE document, served by the app's `classe-present:` scheme
 * at /document/<opaque id>: a PDF page by page (pdf.js, eval disabled, no XFA, no scripting), an image
 * or a video. Main drives it with fixed calls to `window.presentationViewer` (executeJavaScript); each
 * call resolves to the viewer's status. Nothing here reads user input except the two URL parameters,
 * which are checked against fixed patterns.
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerSrc from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import './viewer.css';

type Kind = 'pdf' | 'image' | 'video';

interface ViewerStatus {
  ready: boolean;
  /** 'bad-request' | 'load-failed' | 'render-failed', or null. */
  error: string | null;
  page: number | null;
  pageCount: number | null;
  playing: boolean | null;
  blackedOut: boolean;
}

const stage = document.getElementById('stage') as HTMLElement;
const black = document.getElementById('black') as HTMLElement;
const params = new URLSearchParams(location.search);
const docId = params.get('doc') ?? '';
const kindParam = params.get('kind') ?? '';
const kind: Kind | null = kindParam === 'pdf' || kindParam === 'image' || kindParam === 'video' ? kindParam : null;
const validId = /^[A-Za-z0-9_-]{16,64}$/.test(docId);
const source = `/document/${docId}`;

const status: ViewerStatus = { ready: false, error: null, page: kind === 'pdf' ? 1 : null, pageCount: null, playing: kind === 'video' ? false : null, blackedOut: false };
const snapshot = (): ViewerStatus => ({ ...status });

let resolveReady: (s: ViewerStatus) => void = () => {};
const ready = new Promise<ViewerStatus>((resolve) => {
  resolveReady = resolve;
});
function settle(error: string | null): void {
  status.ready = error === null;
  status.error = error;
  resolveReady(snapshot());
}

// ---- PDF ------------------------------------------------------------------------------------------

let pdf: PDFDocumentProxy | null = null;
let renderTask: RenderTask | null = null;
let renderSeq = 0;

async function renderPage(n: number): Promise<void> {
  if (!pdf) return;
  const seq = ++renderSeq;
  const page = await pdf.getPage(n);
  if (seq !== renderSeq) return;
  const base = page.getViewport({ scale: 1 });
  const fit = Math.min(window.innerWidth / base.width, window.innerHeight / base.height);
  const dpr = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: fit * dpr });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / dpr)}px`;
  canvas.style.height = `${Math.floor(viewport.height / dpr)}px`;
  renderTask?.cancel();
  const task = page.render({ canvas, viewport });
  renderTask = task;
  try {
    await task.promise;
  } catch (e) {
    // A newer page replaced this one: not an error.
    if (e instanceof Error && e.name === 'RenderingCancelledException') return;
    throw e;
  }
  if (seq !== renderSeq) return;
  // Swap only once drawn: no white flash between pages on the projector.
  stage.replaceChildren(canvas);
  status.page = n;
}

async function openPdf(): Promise<void> {
  GlobalWorkerOptions.workerSrc = workerSrc;
  pdf = await getDocument({ url: source, isEvalSupported: false, enableXfa: false, useSystemFonts: true }).promise;
  status.pageCount = pdf.numPages;
  await renderPage(1);
}

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  if (kind !== 'pdf' || !pdf) return;
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => void renderPage(status.page ?? 1).catch(() => undefined), 150);
});

// ---- image and video ------------------------------------------------------------------------------

let video: HTMLVideoElement | null = null;

function openImage(): Promise<void> {
  return new Promise((resolve, reject) => {
    const img = document.createElement('img');
    img.alt = '';
    img.decoding = 'async';
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('image'));
    img.src = source;
    stage.replaceChildren(img);
  });
}

function openVideo(): Promise<void> {
  return new Promise((resolve, reject) => {
    const v = document.createElement('video');
    v.preload = 'auto';
    v.playsInline = true;
    v.controls = false;
    v.disablePictureInPicture = true;
    v.onloadedmetadata = () => resolve();
    v.onerror = () => reject(new Error('video'));
    v.onplay = () => (status.playing = true);
    v.onpause = () => (status.playing = false);
    v.onended = () => (status.playing = false);
    v.src = source;
    stage.replaceChildren(v);
    video = v;
  });
}

// ---- the API main calls -----------------------------------------------------------------------------

async function showPage(n: number): Promise<ViewerStatus> {
  if (kind === 'pdf' && pdf && Number.isSafeInteger(n) && n >= 1 && n <= pdf.numPages) {
    try {
      await renderPage(n);
    } catch {
      status.error = 'render-failed';
    }
  }
  return snapshot();
}

async function play(): Promise<ViewerStatus> {
  if (video) {
    try {
      await video.play();
      status.playing = !video.paused;
    } catch {
      status.playing = false;
    }
  }
  return snapshot();
}

function pause(): Promise<ViewerStatus> {
  if (video) {
    video.pause();
    // The 'pause' event comes later; the element's state is already paused.
    status.playing = !video.paused;
  }
  return Promise.resolve(snapshot());
}

function setBlack(on: boolean): Promise<ViewerStatus> {
  black.hidden = !on;
  status.blackedOut = on;
  return Promise.resolve(snapshot());
}

Object.defineProperty(window, 'presentationViewer', {
  value: Object.freeze({ whenReady: () => ready, status: snapshot, showPage, play, pause, setBlack }),
  writable: false,
  configurable: false,
});

if (!kind || !validId) settle('bad-request');
else {
  const open = kind === 'pdf' ? openPdf : kind === 'image' ? openImage : openVideo;
  open().then(
    () => settle(null),
    () => settle('load-failed'),
  );
}
