/**
 * The renderer's one store, combined from feature slices (each with its initial state, actions and
 * selectors). Components select narrowly; tests reset with `useStore.setState(initialState(), true)`.
 */
import { create } from 'zustand';
import { createAppSlice, appInitialState, type AppSlice } from './app-slice';
import { createSettingsSlice, settingsInitialState, type SettingsSlice } from '../features/settings/settings-slice';
import { createProfileSlice, profileInitialState, type ProfileSlice } from '../features/profiles/profile-slice';
import { createGuidesSlice, guidesInitialState, type GuidesSlice } from '../features/guides/guides-slice';

export type RootState = AppSlice & SettingsSlice & ProfileSlice & GuidesSlice;

export const useStore = create<RootState>()((...a) => ({
  ...createAppSlice(...a),
  ...createSettingsSlice(...a),
  ...createProfileSlice(...a),
  ...createGuidesSlice(...a),
}));

/** The data part of the initial state (actions are kept by setState(…, false)). */
export function initialState(): Partial<RootState> {
  return { ...appInitialState, ...settingsInitialState, ...profileInitialState, ...guidesInitialState };
}
