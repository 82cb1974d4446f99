import type { DiagnosticItem, DiagnosticRun, GuideDocument } from '../../../preload/contract/guide-document';

/** A guide as main sends it (the shape main/services/guides builds), small enough to read in tests. */
export const NO_SIGNAL: GuideDocument = {
  id: 'no-signal',
  lang: 'fr',
  title: '« Pas de signal » : les vérifications dans l’ordre',
  summary: 'Le vidéoprojecteur est allumé mais n’affiche rien.',
  audience: 'teacher',
  origin: 'bundled',
  overrides: false,
  fallback: false,
  hasDiagnostics: true,
  keywords: ['pas de signal'],
  related: ['choose-source'],
  diagnostics: [
    { check: 'projector.power', fix: 'projector.powerOn', step: 'power' },
    { check: 'display.external', fix: 'display.duplicate', step: 'display' },
  ],
  sources: [{ title: 'Spécification PJLink', url: 'https://pjlink.jbmia.or.jp/english/', note: null }],
  anchors: ['steps', 'power', 'input', 'display', 'escalate'],
  body: [
    { type: 'paragraph', children: [{ type: 'text', value: 'Faites les vérifications dans l’ordre.' }] },
    { type: 'heading', depth: 2, id: 'steps', children: [{ type: 'text', value: 'Étapes' }] },
    {
      type: 'steps',
      items: [
        {
          id: 'power',
          anchored: true,
          number: 1,
          children: [
            { type: 'paragraph', children: [{ type: 'text', value: 'Appuyez sur ' }, { type: 'strong', children: [{ type: 'text', value: 'Power' }] }, { type: 'text', value: '.' }] },
            { type: 'figure', src: 'images/remote.svg', alt: 'Télécommande : Power en haut', title: null },
          ],
        },
        { id: 'step-2', anchored: false, number: 2, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Attendez la fin du préchauffage.' }] }] },
        {
          id: 'input',
          anchored: true,
          number: 3,
          children: [
            {
              type: 'paragraph',
              children: [
                { type: 'text', value: 'Choisissez l’entrée ; voir ' },
                { type: 'link', href: 'guide:choose-source#find-port', children: [{ type: 'text', value: 'Choisir la bonne source' }] },
                { type: 'text', value: '.' },
              ],
            },
          ],
        },
      ],
    },
    { type: 'heading', depth: 3, id: null, children: [{ type: 'text', value: 'Sous Windows' }] },
    {
      type: 'steps',
      items: [
        {
          id: 'display',
          anchored: true,
          number: 1,
          children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Appuyez sur ' }, { type: 'key', value: 'Windows' }, { type: 'text', value: ' + ' }, { type: 'key', value: 'P' }, { type: 'text', value: '.' }] }],
        },
      ],
    },
    { type: 'note', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Astuce : le diagnostic le fait pour vous.' }] }] },
    { type: 'heading', depth: 2, id: 'escalate', children: [{ type: 'text', value: 'Si ça ne suffit pas' }] },
    {
      type: 'paragraph',
      children: [
        { type: 'text', value: 'Appelez ' },
        { type: 'placeholder', name: 'it.contact' },
        { type: 'text', value: ' ; la procédure est sur ' },
        { type: 'link', href: 'https://eduscol.education.fr/', children: [{ type: 'text', value: 'Éduscol' }] },
        { type: 'text', value: '.' },
      ],
    },
  ],
};

export function item(partial: Partial<DiagnosticItem> & Pick<DiagnosticItem, 'check' | 'status' | 'messageKey'>): DiagnosticItem {
  return {
    key: `${partial.check}@${partial.deviceId ?? 'computer'}`,
    deviceId: null,
    deviceName: null,
    params: {},
    fix: null,
    fixError: null,
    detail: null,
    anchor: null,
    ...partial,
  };
}

export function run(items: DiagnosticItem[], finished = true): DiagnosticRun {
  return { id: 'diag-1', guideId: 'no-signal', roomId: 'salle-3', roomName: 'Salle 3', startedAt: 1, finishedAt: finished ? 2 : null, items };
}
