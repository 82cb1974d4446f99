/**
 * What only the desktop app can do (Electron: dialogs, printing). The web preview and the CLI have no
 * such shell: the handlers answer with a clear error and the renderer falls back (e.g. window.print()).
 */
export interface DesktopShell {
  /** Saves the page the teacher is looking at as an A4 PDF where they choose; `saved: false` if they cancel. */
  savePageAsPdf(suggestedName: string): Promise<{ saved: boolean }>;
  /**
   * Workshop mode: moves the window onto the projector's display before it goes full screen (on), and
   * back where it was (off). `moved: false` when no projector display is connected.
   */
  placeOnProjector(on: boolean): Promise<{ moved: boolean }>;
}
