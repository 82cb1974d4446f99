import i18next, { type i18n } from 'i18next';
import enDiagnostics from '../../../assets/i18n/en/diagnostics.json';
import frDiagnostics from '../../../assets/i18n/fr/diagnostics.json';
import type { Device } from '../../../preload/contract/devices';
import type { DiagnosticRun, GuideLang } from '../../../preload/contract/guide-document';
import { STATUS_SYMBOL } from '../../../preload/contract/check-symbols';

/**
 * « Copier pour le service informatique »: a diagnostic run as plain text a teacher pastes into an
 * email. Plain explanations in the teacher's language, then what IT needs: check ids, reasons,
 * device addresses, technical details and error codes. Built in main from the same catalogs as the
 * renderer, so the CLI (`classe guide diagnose --copy`) gives the same text.
 */

let translators: Promise<Record<GuideLang, i18n>> | null = null;

/** Every domain's error catalog (`errors:<domain>.<key>`), so a failed fix is explained in words. */
function errorCatalogs(lang: GuideLang): Record<string, object> {
  const files = import.meta.glob<object>('../../../assets/i18n/*/errors/*.json', { import: 'default', eager: true });
  const out: Record<string, object> = {};
  for (const [path, catalog] of Object.entries(files)) {
    const m = /\/i18n\/(fr|en)\/errors\/([a-z0-9_-]+)\.json$/.exec(path);
    if (m && m[1] === lang) out[m[2]!] = catalog;
  }
  return out;
}

async function translator(lang: GuideLang): Promise<i18n> {
  translators ??= (async () => {
    const make = async (lng: GuideLang, diagnostics: object, errors: object) => {
      const t = i18next.createInstance();
      await t.init({
        lng,
        fallbackLng: false,
        ns: ['diagnostics', 'errors'],
        defaultNS: 'diagnostics',
        resources: { [lng]: { diagnostics, errors } },
        interpolation: { escapeValue: false },
        initAsync: false,
        showSupportNotice: false,
      } as Parameters<i18n['init']>[0]);
      return t;
    };
    return { fr: await make('fr', frDiagnostics, errorCatalogs('fr')), en: await make('en', enDiagnostics, errorCatalogs('en')) };
  })();
  return (await translators)[lang];
}

export interface ReportContext {
  lang: GuideLang;
  guideTitle: string;
  /** "Classe numérique 0.1.0 (electron, win32)" */
  app?: string;
  /** The room's devices, for addresses and models. */
  devices?: readonly Device[];
  /** How the date is written; default: ISO 8601 (unambiguous for IT). */
  formatDate?: (epochMs: number) => string;
}

export async function formatDiagnosticReport(run: DiagnosticRun, ctx: ReportContext): Promise<string> {
  const i = await translator(ctx.lang);
  const t = (key: string, params?: Record<string, unknown>) => i.t(key, params ?? {});
  const date = (ctx.formatDate ?? ((ms: number) => new Date(ms).toISOString()))(run.startedAt);
  const lines: string[] = [
    t('report.title'),
    label(ctx.lang, t('report.guide'), `${ctx.guideTitle} (${run.guideId})`),
    label(ctx.lang, t('report.room'), run.roomName ? `${run.roomName} (${run.roomId})` : t('report.noRoom')),
    label(ctx.lang, t('report.date'), date),
  ];
  if (ctx.app) lines.push(label(ctx.lang, t('report.app'), ctx.app));
  lines.push('', `${t('report.results')}${ctx.lang === 'fr' ? '\u202f:' : ':'}`);

  for (const item of run.items) {
    const device = item.deviceId ? ctx.devices?.find((d) => d.id === item.deviceId) : undefined;
    const where = item.deviceId
      ? [item.deviceName ?? item.deviceId, device?.model, device?.host].filter(Boolean).join(', ')
      : item.check.startsWith('display.')
        ? t('report.computer')
        : '';
    const reason = item.messageKey.startsWith('check.') ? item.messageKey.slice(`check.${item.check}.`.length) : item.messageKey;
    lines.push(`${STATUS_SYMBOL[item.status]} ${t(item.messageKey, item.params)}${where ? ` (${where})` : ''}`);
    lines.push(`    [${item.check}: ${item.status}, ${reason}]`);
    if (item.fix) lines.push(`    ${label(ctx.lang, t('report.fixOffered'), `${t(`fix.${item.fix}`)} [${item.fix}]`)}`);
    if (item.fixError) {
      const [domain, ...rest] = item.fixError.code.split('.');
      const errorKey = `errors:${domain}.${rest.join('.')}`;
      // i18next returns the key itself when a catalog has no text for it: show the code alone then.
      const translated = rest.length > 0 && i.exists(errorKey) ? t(errorKey, item.fixError.params) : null;
      const text = translated ?? item.fixError.code;
      lines.push(`    ${label(ctx.lang, t('report.fixFailed'), translated ? `${text} [${item.fixError.code}]` : text)}`);
      if (item.fixError.detail) lines.push(`    ${label(ctx.lang, t('report.detail'), item.fixError.detail)}`);
    }
    if (item.detail) lines.push(`    ${label(ctx.lang, t('report.detail'), item.detail)}`);
  }
  return lines.join('\n') + '\n';
}

function label(lang: GuideLang, name: string, value: string): string {
  return lang === 'fr' ? `${name}\u202f: ${value}` : `${name}: ${value}`;
}
