/**
 * The diagnostic report as text for the clipboard or a terminal, in French or English. The text is
 * built from the already scrubbed report object, so it cannot contain more than the JSON does.
 */
import { translator, type Lang } from '../profiles/messages';
import type { DiagnosticReport } from './diagnostic-report';

export function formatDiagnosticReport(report: DiagnosticReport, lang: Lang): string {
  const tr = translator(lang);
  const t = (key: string, params: Record<string, string | number> = {}) => tr.t('report', key, params);
  const out: string[] = [];
  out.push(t('title', { app: report.app.name, version: report.app.version }));
  out.push(t('created', { date: report.createdAt }));
  out.push(
    t('system', {
      platform: report.os.platform,
      release: report.os.release,
      arch: report.os.arch,
      locale: report.os.locale,
      node: report.app.node,
      electron: report.app.electron ?? t('electron_none'),
    }),
  );
  if (report.network.length === 0) out.push(t('network_none'));
  else {
    out.push(t('network'));
    for (const n of report.network) out.push(t('network_line', { name: n.name, addresses: n.ipv4.join(', ') }));
  }

  const p = report.profile;
  if (!p || (p.state === 'none' && !p.problem)) out.push(t('profile_none'));
  else {
    const source = p.source ? tr.t('profiles', `source_${p.source}`) : '—';
    out.push(t('profile', { source, location: p.location ?? p.managedPath }));
    out.push(t(`profile_state_${p.state}`));
    if (p.organisation) out.push(t('profile_organisation', { name: p.organisation }));
    if (p.signature) {
      const signature = p.signature.state === 'valid' ? t('signature_valid', { keyId: p.signature.keyId ?? '?' }) : t('signature_unsigned');
      out.push(t('profile_signature', { signature }));
    }
    if (p.appliedAt) out.push(t('profile_applied', { date: p.appliedAt }));
    if (p.problem) {
      out.push(t('profile_problem', { code: p.problem.code, source: tr.t('profiles', `source_${p.problem.source}`), location: p.problem.location }));
      out.push(`    ${tr.error(p.problem.code, p.problem.params)}`);
      if (p.problem.detail) out.push(`    ${p.problem.detail}`);
      for (const issue of p.problem.issues) out.push(t('profile_issue', { line: issue.line, column: issue.column, text: issue.text[lang] }));
    }
    if (p.contact) {
      const c = p.contact;
      const contact = [c.name, c.phone, c.email, c.helpUrl, c.hours].filter((x): x is string => Boolean(x)).join(' · ');
      if (contact) out.push(t('profile_contact', { contact }));
    }
  }

  out.push(report.room ? t('room', { name: report.room.name, id: report.room.id }) : t('room_none'));

  if (report.devices.length === 0) out.push(t('devices_none'));
  else {
    out.push(t('devices', { count: report.devices.length }));
    for (const d of report.devices) {
      const reachability = tr.has('report', `reachability_${d.reachability}`) ? t(`reachability_${d.reachability}`) : d.reachability;
      out.push(t('device_line', { name: d.name, kind: d.kind, host: d.host ?? d.addresses[0] ?? '—', reachability }));
      for (const e of d.lastErrors) out.push(t('device_error', { at: e.at, code: e.code, detail: e.detail ? ` — ${e.detail}` : '' }));
    }
  }

  if (report.log.length === 0) out.push(t('log_none'));
  else {
    out.push(t('log', { count: report.log.length }));
    for (const l of report.log) out.push(t('log_line', { time: l.time, level: l.level, scope: l.scope, message: l.message }));
  }
  return out.join('\n') + '\n';
}
