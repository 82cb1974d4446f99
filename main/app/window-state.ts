/** Remembers the main window's size, position and maximised state in userData/window-state.json. */
import { screen, type BrowserWindow } from 'electron';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fitWindowBounds, parseSavedWindowState, type Rect, type SavedWindowState } from '../services/core/window-bounds';

export function loadWindowState(userData: string): { bounds: Rect | null; maximized: boolean } {
  let saved: SavedWindowState | null = null;
  try {
    saved = parseSavedWindowState(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8')));
  } catch {
    saved = null;
  }
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  return { bounds: fitWindowBounds(saved, areas), maximized: saved?.maximized ?? false };
}

export function trackWindowState(win: BrowserWindow, userData: string): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    const state: SavedWindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    void writeFile(join(userData, 'window-state.json'), JSON.stringify(state)).catch(() => {});
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', save);
}
