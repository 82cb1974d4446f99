/**
 * Remembers which input is the laptop's on each projector, once the teacher chose it ("ask once").
 * The app backs it with its settings store; tests and the CLI use memory.
 */
export interface InputMemory {
  get(deviceId: string): string | null | Promise<string | null>;
  set(deviceId: string, input: string): void | Promise<void>;
}

export class MemoryInputMemory implements InputMemory {
  private readonly map = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.map.set(k, v);
  }

  get(deviceId: string): string | null {
    return this.map.get(deviceId) ?? null;
  }

  set(deviceId: string, input: string): void {
    this.map.set(deviceId, input);
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries(this.map);
  }
}
