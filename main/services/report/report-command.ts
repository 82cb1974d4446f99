/**
 * The logic of `classe report [--json]`: the CLI builds the same sources as the app (host) and prints
 * `text`, or `JSON.stringify(json, null, 2)` with --json. Always exit code 0: a report about a broken
 * setup is still a report.
 */
import type { Lang } from '../profiles/messages';
import { buildDiagnosticReport, type DiagnosticReport, type ReportOptions, type ReportSources } from './diagnostic-report';
import { formatDiagnosticReport } from './report-text';

export async function reportCommand(input: { sources: ReportSources; lang: Lang; options?: ReportOptions }): Promise<{ exitCode: 0; json: DiagnosticReport; text: string }> {
  const report = await buildDiagnosticReport(input.sources, input.options);
  return { exitCode: 0, json: report, text: formatDiagnosticReport(report, input.lang) };
}
