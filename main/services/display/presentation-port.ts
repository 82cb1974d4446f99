/**
 * What the host needs from « Présenter sur le vidéoprojecteur », without Electron: the app's
 * PresentationController (main/app/presentation) implements it; the web preview and the CLI have none
 * (their presentation channels answer display.presentation_unavailable).
 */
import type { ErrorInfo } from '../core/errors';
import type { PresentationCommand, PresentationState } from './presentation-state';

export type PresentationSourceRef = { type: 'file'; path: string } | { type: 'url'; url: string };

export interface PresentationEndedInfo {
  id: string;
  reason: 'stopped' | 'closed' | 'display-removed' | 'crashed' | 'load-failed' | 'replaced';
  error: ErrorInfo | null;
}

export interface PresentationPort {
  current(): PresentationState | null;
  start(request: { source: PresentationSourceRef; displayId?: number | null }): Promise<PresentationState>;
  command(command: PresentationCommand): Promise<PresentationState>;
  stop(): Promise<void>;
  on(event: 'state', listener: (state: PresentationState) => void): () => void;
  on(event: 'ended', listener: (ended: PresentationEndedInfo) => void): () => void;
}
