/**
 * Copies text for « Copier pour le service informatique ». The async Clipboard API needs a secure
 * context and focus (the app and the web preview on 127.0.0.1 have both); when it is missing or
 * refused, the older execCommand path on a hidden text area is tried. Returns whether it worked, so
 * the caller can show the text to copy by hand otherwise.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no focus, permission): try the fallback below.
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  doc.body.appendChild(area);
  const active = doc.activeElement as HTMLElement | null;
  try {
    area.select();
    return typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    active?.focus?.();
  }
}

/** Offers text as a file download ("Enregistrer"): Electron shows its save dialog, a browser its downloads. */
export function saveTextFile(text: string, fileName: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
