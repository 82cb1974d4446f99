/**
 * The app's icons: simple 24×24 stroke drawings made for this project. Decorative by default
 * (aria-hidden); pass `label` when an icon carries meaning on its own.
 */
const PATHS = {
  projector: 'M3 8h18a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1Z M15.5 12.5m-2.5 0a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0 M5 11h4 M5 14h4 M6 17v2 M18 17v2',
  'interactive-projector': 'M3 9h13a1 1 0 0 1 1 1v5a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1v-5a1 1 0 0 1 1-1Z M12 12.5m-1.5 0a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0 -3 0 M19 3l3 3-8 8-3.5.5.5-3.5Z',
  screen: 'M3 4h18a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z M8 21h8 M12 17v4',
  'cast-receiver': 'M2 8V6a1 1 0 0 1 1-1h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1h-7 M2 12a7 7 0 0 1 7 7 M2 16a3 3 0 0 1 3 3 M2 19h.01',
  unknown: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18Z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14 M12 17h.01',
  home: 'M3 11 12 4l9 7 M5 10v10h5v-6h4v6h5V10',
  guides: 'M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2Z M4 21V5 M8 7h7 M8 11h7',
  settings: 'M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6Z M19.4 15a1.6 1.6 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.6 1.6 0 0 0-1.8-.3 1.6 1.6 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.6 1.6 0 0 0-1-1.5 1.6 1.6 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.6 1.6 0 0 0 .3-1.8 1.6 1.6 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.6 1.6 0 0 0 1.5-1 1.6 1.6 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.6 1.6 0 0 0 1.8.3H9a1.6 1.6 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.6 1.6 0 0 0 1 1.5 1.6 1.6 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.6 1.6 0 0 0-.3 1.8V9a1.6 1.6 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.6 1.6 0 0 0-1.5 1Z',
  help: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18Z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14 M12 17h.01',
  refresh: 'M20 11a8 8 0 0 0-14.7-4.3L4 8 M4 4v4h4 M4 13a8 8 0 0 0 14.7 4.3L20 16 M20 20v-4h-4',
  power: 'M12 3v9 M6.3 6.3a8 8 0 1 0 11.4 0',
  show: 'M3 5h18v12H3Z M8 21h8 M12 17v4 M9 11l2 2 4-4',
  hide: 'M3 3l18 18 M10.6 10.6a2 2 0 0 0 2.8 2.8 M9.4 5.2A9.8 9.8 0 0 1 12 5c5 0 9 4.5 10 7-.4 1-1.3 2.4-2.6 3.7 M6.6 6.6C4.5 8 3.1 10 2 12c1 2.5 5 7 10 7 1.8 0 3.4-.5 4.8-1.3',
  freeze: 'M12 2v20 M4.9 4.9l14.2 14.2 M2 12h20 M4.9 19.1 19.1 4.9 M9 4l3 3 3-3 M9 20l3-3 3 3',
  input: 'M4 7h13 M14 4l3 3-3 3 M20 17H7 M10 14l-3 3 3 3',
  check: 'M4 12.5 9.5 18 20 6',
  close: 'M5 5l14 14 M19 5 5 19',
  warning: 'M12 3 2 20h20Z M12 10v4 M12 17h.01',
  info: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18Z M12 11v6 M12 7.5h.01',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14Z M20 20l-4-4',
  plus: 'M12 5v14 M5 12h14',
  chevron: 'M9 6l6 6-6 6',
  back: 'M15 6l-6 6 6 6',
  cast: 'M2 8V6a1 1 0 0 1 1-1h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1h-7 M2 12a7 7 0 0 1 7 7 M2 16a3 3 0 0 1 3 3 M2 19h.01',
  lock: 'M6 11h12v10H6Z M8 11V8a4 4 0 0 1 8 0v3',
  demo: 'M4 4h16v12H4Z M8 20h8 M12 16v4 M10 8l4 2-4 2Z',
  copy: 'M9 9h11v11H9Z M5 15H4V4h11v1',
  volume: 'M4 9h4l5-4v14l-5-4H4Z M17 9a4 4 0 0 1 0 6',
  print: 'M7 9V3h10v6 M7 17H4a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1h16a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-3 M7 14h10v7H7Z',
  present: 'M3 4h18 M4 4v11h16V4 M12 15v3 M8 21l4-3 4 3 M9 8l5 2.5L9 13Z',
  play: 'M7 4.5v15l12.5-7.5Z',
  pause: 'M8 5v14 M16 5v14',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className, label }: { name: IconName; className?: string; label?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
