/**
 * Copies text with the asynchronous Clipboard API (Electron and the web preview on 127.0.0.1 are both
 * secure contexts). Returns false when the browser refuses (no permission, page not focused): the
 * caller then shows the text for a manual copy.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
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
