/** The guides service: content, search, live diagnostics and the error → guide map. */
export { bundledGuides, readGuideContent, readGuideFolder, type GuideContent } from './content-source';
export { GuideLibrary, formatProblem, toSummary, type GuideLibraryEvents, type GuideLibraryOptions } from './library';
export { ItPack, ItPackEntry, readItPack } from './it-pack';
export { parseGuide, type GuideProblem, type ParsedGuide, type RawGuide } from './parse-guide';
export { GuideSearchIndex } from './search';
export { CHECKS, ENGINE_REASONS, isFixAllowed, type CheckSpec } from './checks';
export {
  DiagnosticsEngine,
  type CheckContext,
  type CheckImplementation,
  type CheckOutcome,
  type CheckRegistry,
  type DiagnosticsEngineOptions,
  type DiagnosticsEvents,
  type FixContext,
  type FixImplementation,
  type FixRegistry,
  type GuideLookup,
  type RoomSnapshot,
} from './diagnostics';
export { formatDiagnosticReport, type ReportContext } from './diagnostics-report';
export { DOMAIN_GUIDES, ERROR_GUIDES, FALLBACK_GUIDE, guideForError, guideLinkForError, type ErrorGuideTarget } from './error-guides';
export { frenchTypography, NNBSP } from './typography';
export { DiagnosticsRegistry, NO_ROOM, type RoomSource } from './registry';
export { runtimeChecks, webPreviewDisplayCheck } from './runtime-checks';
