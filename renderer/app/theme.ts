/** Light/dark: 'system' leaves it to prefers-color-scheme; otherwise <html data-theme> forces it. */
export function applyTheme(theme: 'system' | 'light' | 'dark', root: HTMLElement = document.documentElement): void {
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}
