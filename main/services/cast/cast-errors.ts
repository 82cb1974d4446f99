/**
 * Every error a teacher may see while casting: a stable code (texts in assets/i18n/{fr,en}/errors/cast.json,
 * key = the part after "cast.") and the guide that helps. IT scripts read these codes from `--json`:
 * never rename one once shipped.
 */
import { ServiceError, type GuideId } from '../core/errors';

export const CAST_ERRORS = {
  /** The file is not an image, video, sound or PDF we can cast (or its content does not match its name). */
  'cast.not_media': 'guide:prepare-lesson',
  /** The chosen file is gone or unreadable. */
  'cast.file_unreadable': 'guide:prepare-lesson',
  /** A PDF page could not be turned into an image. */
  'cast.pdf_unreadable': 'guide:prepare-lesson',
  /** `--to` / the chosen target matches no known screen. */
  'cast.target_unknown': 'guide:wireless',
  /** The target is known but has no casting capability (e.g. a projector without Cast or DLNA). */
  'cast.target_unsupported': 'guide:wireless',
  /** No network address of the laptop reaches the screen. */
  'cast.no_route': 'guide:wireless',
  /** The screen does not answer (connection refused, timeout). */
  'cast.unreachable': 'guide:wireless',
  /** The screen stopped answering or disappeared during the cast. */
  'cast.receiver_lost': 'guide:wireless',
  /** Someone else is casting or another app runs on the screen; the caller may take over. */
  'cast.busy': 'guide:cast-failed',
  /** The screen refused to start the media player (Cast LAUNCH_ERROR). */
  'cast.launch_failed': 'guide:cast-failed',
  /** The screen could not load or play the file (Cast LOAD_FAILED, UPnP 714/716…). */
  'cast.load_failed': 'guide:cast-failed',
  /** The screen refused this action now (UPnP 701: e.g. pause while stopped). */
  'cast.action_refused': 'guide:cast-failed',
  /** The screen refused to jump to that position (UPnP 710/711). */
  'cast.seek_refused': 'guide:cast-failed',
  /** The screen answered with another error (SOAP fault, invalid request). */
  'cast.receiver_error': 'guide:cast-failed',
  /** The screen sent something we do not understand. */
  'cast.protocol_error': 'guide:cast-failed',
  /** Pause/stop/next page asked while nothing is being cast to that screen. */
  'cast.no_session': 'guide:cast-failed',
  /** This action does not apply to what is being cast (e.g. next page of a video). */
  'cast.not_paged': 'guide:cast-failed',
} as const satisfies Record<string, GuideId>;

export type CastErrorCode = keyof typeof CAST_ERRORS;

export function castError(
  code: CastErrorCode,
  opts: { params?: Record<string, string | number>; detail?: string; cause?: unknown } = {},
): ServiceError {
  return new ServiceError(code, { ...opts, guide: CAST_ERRORS[code] });
}
