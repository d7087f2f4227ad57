// Types of VM Playground's JavaScript API, served beside the app as vm-playground.d.ts.
// `window.vmPlayground` drives the page's own VMs (the UI follows, changes are saved);
// `new MockVmManager()` is a manager of your own, in memory, independent of the page.

/** A VM's lifecycle state. */
export type VmState = "running" | "stopped" | "paused";

/** A VM's configuration, as given to createVm / defineVm / updateVmConfig. */
export interface VmConfig {
  /**
   * 1–64 letters (any script), digits, '-', '_', '.'; starts with a letter or digit. Required.
   * Kept in Unicode NFC: "cafe\u0301" and "café" name the same VM, in every method.
   */
  name: string;
  /** Memory in MB, a whole number from 1 to 4194304. Default 1024. */
  memory?: number;
  /** Virtual CPUs, a whole number from 1 to 512. Default 1. */
  vcpus?: number;
  /**
   * Path of the disk image: at most 1024 characters, no control characters (NUL, ESC,
   * newline, tab, ...), line separators or bidirectional controls (U+202A–U+202E,
   * U+2066–U+2069, U+200E, U+200F, U+061C). Default "".
   */
  diskPath?: string;
  /** Disk size in GB, a whole number from 1 to 65536. Default 10. */
  diskSize?: number;
  /** Path of an ISO image to boot from, with diskPath's rules; "" or null means none. */
  isoImage?: string | null;
  /** Network name: 1–64 letters, digits, '-', '_'. Default "default". */
  network?: string;
}

/** A VM's configuration as the manager stores it: every field present. */
export interface StoredVmConfig extends Required<Omit<VmConfig, "isoImage">> {
  isoImage: string | null;
}

/** Everything known about a VM. */
export interface VmInfo {
  config: StoredVmConfig;
  state: VmState;
  /** Config changes saved while the VM was active, applied when it next stops. */
  pending: StoredVmConfig | null;
  /** Milliseconds since the Unix epoch; at most 8.64e15, the latest time a Date holds. */
  createdAt: number;
  /** Milliseconds since the Unix epoch; at most 8.64e15, the latest time a Date holds. */
  stateChangedAt: number;
  /** Counts the VM's changes, from 1; a safe integer, staying at Number.MAX_SAFE_INTEGER once there. */
  revision: number;
  /** The VM's snapshots as stored (absent when it has none); listSnapshots gives them in tree order. */
  snapshots?: StoredSnapshot[];
  /** The current snapshot's name (absent when there is none). */
  currentSnapshot?: string;
}

/** A snapshot as stored in its VM's record. */
export interface StoredSnapshot {
  name: string;
  description?: string;
  createdAt: number;
  state: VmState;
  config: StoredVmConfig;
  pending?: StoredVmConfig;
  parent?: string;
}

/** A snapshot as listSnapshots gives it. */
export interface SnapshotInfo {
  /** A VM name's rules (1–64 letters, digits, '-', '_', '.'); unique within its VM. */
  name: string;
  /** At most 256 characters; "" for none. */
  description: string;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
  /** The state the snapshot keeps (virsh prints a stopped one as "shutoff"). */
  state: VmState;
  /** The snapshot it was taken after, null for a root. */
  parent: string | null;
  /** Whether it is the VM's current snapshot (the parent of the next one). */
  current: boolean;
}

/** The stable codes of thrown errors. */
export type VmErrorCode =
  | "NotFound"
  | "AlreadyExists"
  | "InvalidConfig"
  | "InvalidTransition"
  | "Closed"
  | "InsufficientResources"
  | "Conflict";

/** Every method throws this on refusal; nothing changes when it does. */
export interface VmError extends Error {
  name: "VmError";
  code: VmErrorCode;
  /** For InvalidConfig: the config field at fault ("memory", "name", ...), or a snapshot's
   * ("name", "description"). Absent where no field is at fault: a VM at its cap of snapshots,
   * a host size (see `resource`), a delete's options. */
  field?: keyof VmConfig | "description";
  /** For InsufficientResources (a refused start or create, or a host shrunk below what its VMs
   * hold) and a host size out of bounds: the host's resource at fault. */
  resource?: "memory" | "cpus" | "storage";
}

/** One of the host's resources: its size (null = unlimited) and what the VMs hold. */
export interface HostResource {
  total: number | null;
  used: number;
}

/** The host: memory in MB, storage in GB; cpus.used counts the active VMs' vCPUs. */
export interface HostInfo {
  memory: HostResource;
  cpus: HostResource;
  storage: HostResource;
  overcommit: boolean;
}

/** A host change: any subset; null = unlimited. */
export interface HostSizes {
  memory?: number | null;
  cpus?: number | null;
  storage?: number | null;
  overcommit?: boolean;
}

/** What a guest uses now, by the simulated clock (a paused VM uses no CPU; a stopped one nothing). */
export interface VmStats {
  cpuPercent: number;
  memoryUsedMb: number;
}

/** A change undo() or redo() applied, in the event log's words. */
export interface UndoneChange {
  /** "create", "start", "shutdown", "delete", "update", "rename", "import", "reset", "host", ... */
  op: string;
  /** The VM (the old name for a rename); "" for an import, a reset or the host. */
  vm: string;
}

/** The mock VM manager. */
export class MockVmManager {
  /** A new, empty manager in memory. */
  constructor();
  /** Validates the config, creates the VM and starts it. */
  createVm(config: VmConfig): void;
  /** Like createVm, but the VM stays stopped (virsh's define). */
  defineVm(config: VmConfig): void;
  /** Every VM's name, sorted. */
  listVms(): string[];
  /** stopped → running. */
  startVm(name: string): void;
  /** running or paused → stopped; pending changes are applied. */
  stopVm(name: string): void;
  /** running → paused. */
  pauseVm(name: string): void;
  /** paused → running. */
  resumeVm(name: string): void;
  /**
   * Deletes the VM in any state (a running one is forced off). A VM with snapshots throws
   * InvalidTransition unless `{ snapshots: true }` says they go too. Options of another shape
   * (not an object, another key, a value not true or false) throw InvalidConfig.
   */
  deleteVm(name: string, options?: { snapshots?: boolean }): void;
  /**
   * Takes a snapshot of the VM (its config, pending changes and state), a child of its current
   * one, which it becomes. At most 32 per VM (then InvalidConfig); a taken name is AlreadyExists.
   */
  createSnapshot(vm: string, name: string, description?: string): SnapshotInfo;
  /** The VM's snapshots in tree order: parents before children, siblings by creation time. */
  listSnapshots(vm: string): SnapshotInfo[];
  /**
   * Returns the VM to the snapshot's config and state (pending changes are dropped); it becomes
   * the current one. A revert that starts the VM may throw InsufficientResources. Returns the
   * VM's state.
   */
  revertToSnapshot(vm: string, name: string): VmState;
  /**
   * Deletes the snapshot (its children go to its parent), or its subtree with `{ children: true }`.
   * Returns the names deleted. Options as `deleteVm`'s.
   */
  deleteSnapshot(vm: string, name: string, options?: { children?: boolean }): string[];
  /**
   * Clones a stopped VM (running or paused: InvalidTransition) as `newName`: the same config
   * with a disk of its own in the same folder (as virt-clone --auto-clone names it), stopped,
   * no snapshots. Takes its disk from the host's storage. Returns the clone's info.
   */
  cloneVm(source: string, newName: string): VmInfo;
  getVmInfo(name: string): VmInfo;
  getVmState(name: string): VmState;
  /** "applied" (stopped VM), "pending" (running or paused: applied at next stop) or "unchanged". */
  updateVmConfig(name: string, config: VmConfig): "applied" | "pending" | "unchanged";
  /** Drops pending changes; true if there were any. */
  discardPending(name: string): boolean;
  /** The host's sizes and what the VMs hold of it. A standalone manager's host is unlimited. */
  getHostInfo(): HostInfo;
  /**
   * Resizes the host; throws InsufficientResources when shrinking below what the VMs hold, and
   * InvalidTransition while a lesson runs (its host is part of its setup).
   */
  setHost(host: HostSizes): void;
  /** The guest's CPU % and memory in use now. */
  getVmStats(name: string): VmStats;
  /**
   * Undoes the page's last change, whatever made it (a click, the console, a script): what was
   * undone, or null if nothing. Throws code "Conflict" when another tab changed the VM since
   * (nothing changes, and that change leaves the history). A standalone manager keeps no
   * history: null.
   */
  undo(): UndoneChange | null;
  /** Makes the last undone change again; as undo(). */
  redo(): UndoneChange | null;
  /** Whether undo() has something to undo (always false on a standalone manager). */
  canUndo(): boolean;
  /** Whether redo() has something to redo. */
  canRedo(): boolean;
  /** Closes a standalone manager (later calls throw "Closed"); on window.vmPlayground, a no-op. */
  close(): void;
  /** Releases the wasm memory of a standalone manager. */
  free(): void;
}

declare global {
  interface Window {
    /** The page's own manager: every call updates the UI and is saved. */
    vmPlayground: MockVmManager;
    MockVmManager: typeof MockVmManager;
  }
}
