import type { StateCreator } from 'zustand';
import type { ImportResult, ProfileDraftExport, ProfileOverview } from '../../../preload/contract/profiles';
import { api } from '../../store/api';
import type { RootState } from '../../store';

/** The files picked for an import, already read (see read-profile-files.ts). */
export interface ProfileFiles {
  content: string;
  signature?: string;
}

export interface ProfileSlice {
  /** Status, summary, features and password protection of the IT profile (null until loaded). */
  profile: ProfileOverview | null;
  loadProfile(): Promise<void>;
  receiveProfile(overview: ProfileOverview): void;
  /** The service's answer (accepted or refused with a reason), or null when the call itself failed (toast shown). */
  importProfile(files: ProfileFiles): Promise<ImportResult | null>;
  removeImportedProfile(): Promise<boolean>;
  exportProfile(): Promise<ProfileDraftExport | null>;
  /** The report text for the clipboard, or null (toast shown). */
  fetchReportText(): Promise<string | null>;
  /** Stores a PJLink password typed for a device; it never comes back. */
  setPjlinkPassword(deviceId: string, password: string): Promise<boolean>;
}

export const profileInitialState = { profile: null as ProfileOverview | null };

export const createProfileSlice: StateCreator<RootState, [], [], ProfileSlice> = (set, get) => ({
  ...profileInitialState,
  async loadProfile() {
    const r = await api().profile.status();
    if (r.ok) set({ profile: r.value });
    else get().pushError(r.error);
  },
  receiveProfile(profile) {
    set({ profile });
  },
  async importProfile(files) {
    const r = await api().profile.import(files.signature === undefined ? { content: files.content } : { content: files.content, signature: files.signature });
    if (!r.ok) {
      get().pushError(r.error);
      return null;
    }
    // The profile.changed event brings the new overview too; reading it now avoids a stale screen.
    if (r.value.ok) await get().loadProfile();
    return r.value;
  },
  async removeImportedProfile() {
    const r = await api().profile.removeImported();
    if (r.ok) set({ profile: r.value });
    else get().pushError(r.error);
    return r.ok;
  },
  async exportProfile() {
    const r = await api().profile.export();
    if (r.ok) return r.value;
    get().pushError(r.error);
    return null;
  },
  async fetchReportText() {
    const r = await api().report.get();
    if (r.ok) return r.value.text;
    get().pushError(r.error);
    return null;
  },
  async setPjlinkPassword(deviceId, password) {
    const r = await api().secrets.setPjlinkPassword({ deviceId, password });
    if (!r.ok) get().pushError(r.error);
    return r.ok;
  },
});

export const selectFeatures = (s: RootState) => s.profile?.features ?? null;
export const selectProfileProblem = (s: RootState) => s.profile?.status.problem ?? null;
