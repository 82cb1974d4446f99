/**
 * The renderer's one store, combined from feature slices (each with its initial state, actions and
 * selectors). Components select narrowly; tests reset with `useStore.setState(initialState(), true)`.
 */
import { create } from 'zustand';
import { createAppSlice, appInitialState, type AppSlice } from './app-slice';
import { createSettingsSlice, settingsInitialState, type SettingsSlice } from '../features/settings/settings-slice';
import { createProfileSlice, profileInitialState, type ProfileSlice } from '../features/profiles/profile-slice';
import { createGuidesSlice, guidesInitialState, type GuidesSlice } from '../features/guides/guides-slice';
import { createDevicesSlice, devicesInitialState, type DevicesSlice } from '../features/room/devices-slice';
import { createProjectorSlice, projectorInitialState, type ProjectorSlice } from '../features/projector/projector-slice';
import { createCastSlice, castInitialState, type CastSlice } from '../features/cast/cast-slice';
import { createRemindersSlice, remindersInitialState, type RemindersSlice } from '../features/reminders/reminders-slice';

export type RootState = AppSlice & SettingsSlice & ProfileSlice & GuidesSlice & DevicesSlice & ProjectorSlice & CastSlice & RemindersSlice;

export const useStore = create<RootState>()((...a) => ({
  ...createAppSlice(...a),
  ...createSettingsSlice(...a),
  ...createProfileSlice(...a),
  ...createGuidesSlice(...a),
  ...createDevicesSlice(...a),
  ...createProjectorSlice(...a),
  ...createCastSlice(...a),
  ...createRemindersSlice(...a),
}));

/** The data part of the initial state (actions are kept by setState(…, false)). */
export function initialState(): Partial<RootState> {
  return { ...appInitialState, ...settingsInitialState, ...profileInitialState, ...guidesInitialState, ...devicesInitialState, ...projectorInitialState, ...castInitialState, ...remindersInitialState };
}
