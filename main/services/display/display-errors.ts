/**
 * Every error code of the display domain. Their French and English texts are in
 * assets/i18n/{fr,en}/errors/display.json (key = the part after "display."); a unit test keeps the
 * list and the catalogs in step. All of them point to the « Windows + P : dupliquer / étendre » guide
 * or, for the presentation window, to no guide (the message says what to do), except
 * presentation_url_not_allowed → « qui contacter » (only IT can add a site to the profile's list).
 */
export const DISPLAY_ERROR_CODES = [
  'display.wayland',
  'display.wayland_settings_opened',
  'display.macos',
  'display.macos_settings_opened',
  'display.no_external',
  'display.command_failed',
  'display.not_applied',
  'display.external_no_modes',
  'display.no_session',
  'display.unsupported_platform',
  'display.unknown_mode',
  'display.presentation_no_file',
  'display.presentation_unsupported_file',
  'display.presentation_empty_file',
  'display.presentation_url_invalid',
  'display.presentation_url_not_allowed',
  'display.presentation_no_display',
  'display.presentation_display_removed',
  'display.presentation_load_failed',
  'display.presentation_crashed',
  'display.presentation_not_running',
  'display.presentation_on_laptop_screen',
  /** The web preview and the CLI have no presentation window (the app only). */
  'display.presentation_unavailable',
  /** The web preview does not switch the laptop's display mode (unless started with --display-mode). */
  'display.web_preview',
] as const;

export type DisplayErrorCode = (typeof DISPLAY_ERROR_CODES)[number];
