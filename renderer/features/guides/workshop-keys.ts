/**
 * Workshop mode keys: the keyboard and presentation clickers. Clickers send PageDown/PageUp (some the
 * arrows), and "b" or "." for a black screen, like presentation software; Escape leaves.
 */
export type WorkshopAction = 'next' | 'previous' | 'first' | 'last' | 'black' | 'exit';

const KEYS: Readonly<Record<string, WorkshopAction>> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ' ': 'next',
  Spacebar: 'next',
  Enter: 'next',
  n: 'next',
  N: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  PageUp: 'previous',
  Backspace: 'previous',
  p: 'previous',
  P: 'previous',
  Home: 'first',
  End: 'last',
  b: 'black',
  B: 'black',
  '.': 'black',
  Escape: 'exit',
  Esc: 'exit',
};

export interface KeyLike {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  /** Where the key was pressed: a focused button or link handles Enter and Space itself. */
  target?: EventTarget | null;
}

export function workshopAction(event: KeyLike): WorkshopAction | null {
  // Shortcuts with modifiers belong to the browser or the OS (Ctrl+P, Alt+Tab…).
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const action = KEYS[event.key] ?? null;
  if ((event.key === 'Enter' || event.key === ' ' || event.key === 'Spacebar') && isControl(event.target)) return null;
  return action;
}

function isControl(target: EventTarget | null | undefined): boolean {
  const el = target as { tagName?: string } | null | undefined;
  const tag = el?.tagName?.toLowerCase();
  return tag === 'button' || tag === 'a' || tag === 'input' || tag === 'textarea' || tag === 'select' || tag === 'summary';
}

/** The slide after an action (black and exit do not move). */
export function nextIndex(action: WorkshopAction, current: number, count: number): number {
  const last = Math.max(0, count - 1);
  switch (action) {
    case 'next':
      return Math.min(last, current + 1);
    case 'previous':
      return Math.max(0, current - 1);
    case 'first':
      return 0;
    case 'last':
      return last;
    default:
      return current;
  }
}
