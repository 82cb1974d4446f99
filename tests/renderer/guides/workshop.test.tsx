import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, waitFor, fireEvent, screen } from '@testing-library/react';
import { WorkshopView } from '../../../renderer/features/guides/workshop';
import { nextIndex, workshopAction } from '../../../renderer/features/guides/workshop-keys';
import { renderWithApp } from '../support';
import { NO_SIGNAL } from './fixtures';

// The fixture's slides: title (+ intro), steps 1–4 (power, step-2, input, display), the note after
// the steps, « Si ça ne suffit pas ».
const TOTAL = 7;

const counter = () => document.querySelector('.workshop-counter')?.textContent;
const key = (k: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(document.activeElement ?? document.body, { key: k, ...init });

afterEach(() => {
  delete (HTMLElement.prototype as { requestFullscreen?: unknown }).requestFullscreen;
});

describe('workshop keys', () => {
  it('maps arrows, clicker keys, Space, Home/End, B and "." and Escape', () => {
    const actions = ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'ArrowLeft', 'ArrowUp', 'PageUp', 'Home', 'End', 'b', 'B', '.', 'Escape'].map((k) => workshopAction({ key: k }));
    expect(actions).toEqual(['next', 'next', 'next', 'next', 'previous', 'previous', 'previous', 'first', 'last', 'black', 'black', 'black', 'exit']);
  });

  it('leaves shortcuts with modifiers and Enter/Space on a focused control alone', () => {
    expect(workshopAction({ key: 'p', ctrlKey: true })).toBeNull();
    expect(workshopAction({ key: 'ArrowRight', altKey: true })).toBeNull();
    expect(workshopAction({ key: 'r', metaKey: true })).toBeNull();
    expect(workshopAction({ key: ' ', target: document.createElement('button') })).toBeNull();
    expect(workshopAction({ key: 'Enter', target: document.createElement('a') })).toBeNull();
    expect(workshopAction({ key: 'PageDown', target: document.createElement('button') })).toBe('next');
    expect(workshopAction({ key: 'x' })).toBeNull();
  });

  it('stays within the slides', () => {
    expect(nextIndex('previous', 0, 5)).toBe(0);
    expect(nextIndex('next', 4, 5)).toBe(4);
    expect(nextIndex('last', 1, 5)).toBe(4);
    expect(nextIndex('first', 3, 5)).toBe(0);
    expect(nextIndex('black', 3, 5)).toBe(3);
  });
});

describe('workshop mode', () => {
  it('presents one step per slide and moves with the keyboard: next, previous, End, Home', () => {
    renderWithApp(<WorkshopView doc={NO_SIGNAL} placeholders={{}} onExit={() => {}} />);
    expect(counter()).toBe(`1 sur ${TOTAL}`);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(NO_SIGNAL.title);
    key('PageDown');
    expect(counter()).toBe(`2 sur ${TOTAL}`);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Étape 1 sur 4');
    expect(document.querySelector('.workshop-step')?.textContent).toContain('Appuyez sur Power.');
    key('ArrowRight');
    key(' ');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Étape 3 sur 4');
    key('ArrowLeft');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Étape 2 sur 4');
    key('ArrowRight');
    key('ArrowRight');
    // A step under a ### heading says which group it belongs to.
    expect(screen.getByRole('heading', { level: 2 }).textContent?.replace(/\u202f/g, ' ')).toBe('Étape 4 sur 4 — Sous Windows');
    key('End');
    expect(counter()).toBe(`${TOTAL} sur ${TOTAL}`);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Si ça ne suffit pas');
    expect(screen.getByText('Fin du guide')).toBeTruthy();
    key('PageDown');
    expect(counter()).toBe(`${TOTAL} sur ${TOTAL}`);
    key('Home');
    expect(counter()).toBe(`1 sur ${TOTAL}`);
    key('PageUp');
    expect(counter()).toBe(`1 sur ${TOTAL}`);
  });

  it('blacks the screen with B or ".", and the next key brings the picture back without moving', () => {
    renderWithApp(<WorkshopView doc={NO_SIGNAL} placeholders={{}} onExit={() => {}} />);
    key('PageDown');
    key('b');
    expect(document.querySelector('.workshop-black')).not.toBeNull();
    expect(screen.getByText('Écran noir : appuyez sur B pour revenir.')).toBeTruthy();
    key('PageDown');
    expect(document.querySelector('.workshop-black')).toBeNull();
    expect(counter()).toBe(`2 sur ${TOTAL}`);
    key('.');
    expect(document.querySelector('.workshop-black')).not.toBeNull();
    key('.');
    expect(document.querySelector('.workshop-black')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Écran noir (B)' }));
    expect(document.querySelector('.workshop-black')).not.toBeNull();
  });

  it('opens at the step it was asked for and leaves with Escape at the step being shown', () => {
    const onExit = vi.fn();
    renderWithApp(<WorkshopView doc={NO_SIGNAL} placeholders={{}} anchor="input" onExit={onExit} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Étape 3 sur 4');
    key('ArrowRight');
    key('Escape');
    expect(onExit).toHaveBeenCalledWith('display');
  });

  it('opens at step N, and the buttons do what the keys do', () => {
    const onExit = vi.fn();
    renderWithApp(<WorkshopView doc={NO_SIGNAL} placeholders={{}} step={2} onExit={onExit} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Étape 2 sur 4');
    fireEvent.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Étape 3 sur 4');
    fireEvent.click(screen.getByRole('button', { name: 'Précédent' }));
    fireEvent.click(screen.getByRole('button', { name: 'Précédent' }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Étape 1 sur 4');
    fireEvent.click(screen.getByRole('button', { name: 'Quitter (Échap)' }));
    expect(onExit).toHaveBeenCalledWith('power');
  });

  it('asks for full screen, and leaving full screen (Escape taken by the browser) leaves workshop mode', async () => {
    let fullscreen: Element | null = null;
    Object.defineProperty(document, 'fullscreenElement', { configurable: true, get: () => fullscreen });
    const requested: Element[] = [];
    (HTMLElement.prototype as { requestFullscreen?: unknown }).requestFullscreen = function (this: HTMLElement) {
      requested.push(this);
      fullscreen = requested[0]!;
      document.dispatchEvent(new Event('fullscreenchange'));
      return Promise.resolve();
    };
    const onExit = vi.fn();
    const { api: calls } = renderWithApp(<WorkshopView doc={NO_SIGNAL} placeholders={{}} onExit={onExit} />);
    // First onto the projector's display (in the app), then full screen.
    await waitFor(() => expect(requested).toEqual([document.querySelector('.workshop')]));
    expect(calls.calls).toContainEqual(['app.workshopDisplay', { on: true }]);
    expect(document.activeElement).toBe(document.querySelector('.workshop'));
    await act(async () => {
      fullscreen = null;
      document.dispatchEvent(new Event('fullscreenchange'));
    });
    expect(onExit).toHaveBeenCalledWith(null);
    delete (document as { fullscreenElement?: unknown }).fullscreenElement;
  });

  it('still works where full screen is refused (no user gesture, Electron policy)', async () => {
    (HTMLElement.prototype as { requestFullscreen?: unknown }).requestFullscreen = () => Promise.reject(new Error('denied'));
    renderWithApp(<WorkshopView doc={NO_SIGNAL} placeholders={{}} onExit={() => {}} />);
    await act(async () => {});
    key('PageDown');
    expect(counter()).toBe(`2 sur ${TOTAL}`);
  });
});
