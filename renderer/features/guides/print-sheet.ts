/**
 * « Imprimer la fiche mémo »: in the app, the page is saved as an A4 PDF (Electron's printToPDF, with
 * the print CSS); where there is no desktop shell (the web preview), the browser's print dialog does it
 * (it can also save as PDF).
 */
import { api } from '../../store/api';
import { useStore } from '../../store';

export function pdfFileName(title: string): string {
  const safe = title
    .replace(/\s*:\s*/g, ' – ')
    .replace(/[/\\*?"<>|\u0000-\u001f«»]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s–]+|[\s–]+$/g, '')
    .slice(0, 100);
  return `${safe || 'Fiche'}.pdf`;
}

export async function printSheet(title: string): Promise<void> {
  const r = await api().app.savePdf({ fileName: pdfFileName(title) });
  if (r.ok) {
    if (r.value.saved) useStore.getState().pushToast({ level: 'success', messageKey: 'guides:print.saved' });
    return;
  }
  if (r.error.code === 'app.pdf_unavailable') window.print();
  else useStore.getState().pushError(r.error);
}
