//! The lifecycle: a VM's states, the operations that move it, and which are legal when.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a VM is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VmState {
    /// Defined but not running ("shut off" in virsh).
    Stopped,
    /// Running.
    Running,
    /// Running but suspended: memory kept, no CPU time. The seed reserves this state; we use it.
    Paused,
}

impl VmState {
    /// Every state, in lifecycle order.
    pub const ALL: [VmState; 3] = [VmState::Stopped, VmState::Running, VmState::Paused];

    /// The lowercase word used in JSON, the JS API and `data-state`: "stopped", "running",
    /// "paused".
    pub fn as_str(self) -> &'static str {
        match self {
            VmState::Stopped => "stopped",
            VmState::Running => "running",
            VmState::Paused => "paused",
        }
    }

    /// Parses [`VmState::as_str`]'s words.
    pub fn parse(word: &str) -> Option<VmState> {
        VmState::ALL
            .into_iter()
            .find(|state| state.as_str() == word)
    }

    /// Running or paused: the VM holds memory and vCPUs, and its name can't change.
    pub fn is_active(self) -> bool {
        self != VmState::Stopped
    }

    /// The state `transition` leads to from this one, or why it is refused.
    ///
    /// ```
    /// use vm_playground::{Transition, VmState};
    /// assert_eq!(VmState::Running.after(Transition::Pause), Ok(VmState::Paused));
    /// assert!(VmState::Stopped.after(Transition::Pause).is_err());
    /// ```
    pub fn after(self, transition: Transition) -> Result<VmState, Refusal> {
        use Transition::*;
        use VmState::*;
        match (transition, self) {
            (Start, Stopped) => Ok(Running),
            (Start, Running) => Err(Refusal::AlreadyRunning),
            (Start, Paused) => Err(Refusal::PausedNotStopped),
            (Stop, Running | Paused) => Ok(Stopped),
            (Stop, Stopped) => Err(Refusal::NotRunning),
            (Pause, Running) => Ok(Paused),
            (Pause, Paused) => Err(Refusal::AlreadyPaused),
            (Pause, Stopped) => Err(Refusal::NotRunning),
            (Resume, Paused) => Ok(Running),
            (Resume, Running) => Err(Refusal::NotPaused),
            (Resume, Stopped) => Err(Refusal::NotRunning),
        }
    }
}

impl fmt::Display for VmState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An operation that moves a VM between states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transition {
    /// Stopped → Running.
    Start,
    /// Running or Paused → Stopped (applies pending config changes).
    Stop,
    /// Running → Paused.
    Pause,
    /// Paused → Running.
    Resume,
}

impl Transition {
    /// Every transition.
    pub const ALL: [Transition; 4] = [
        Transition::Start,
        Transition::Stop,
        Transition::Pause,
        Transition::Resume,
    ];

    /// The operation this transition is, for errors: the one place the two are paired
    /// ([`Operation::transition`] reads it back).
    pub fn operation(self) -> Operation {
        match self {
            Transition::Start => Operation::Start,
            Transition::Stop => Operation::Stop,
            Transition::Pause => Operation::Pause,
            Transition::Resume => Operation::Resume,
        }
    }
}

/// Any operation that can be refused because of a VM's state, named in
/// [`VmError::InvalidTransition`](super::VmError::InvalidTransition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// See [`Transition::Start`].
    Start,
    /// See [`Transition::Stop`].
    Stop,
    /// See [`Transition::Pause`].
    Pause,
    /// See [`Transition::Resume`].
    Resume,
    /// A config update that changes the name: only a stopped VM may be renamed.
    Rename,
    /// A clone (virt-clone): only a stopped VM may be cloned.
    Clone,
}

impl Operation {
    /// The verb used in messages: "start", "stop", "pause", "resume", "rename".
    pub fn verb(self) -> &'static str {
        match self {
            Operation::Start => "start",
            Operation::Stop => "stop",
            Operation::Pause => "pause",
            Operation::Resume => "resume",
            Operation::Rename => "rename",
            Operation::Clone => "clone",
        }
    }

    /// The transition this operation is, if it is one: [`Transition::operation`] read the
    /// other way, so the pairing is written once.
    ///
    /// ```
    /// use vm_playground::{Operation, Transition};
    /// assert_eq!(Operation::Pause.transition(), Some(Transition::Pause));
    /// assert_eq!(Operation::Rename.transition(), None);
    /// ```
    pub fn transition(self) -> Option<Transition> {
        Transition::ALL
            .into_iter()
            .find(|transition| transition.operation() == self)
    }

    /// Why this operation is refused in `state`, or `None` if it is allowed.
    pub fn refusal(self, state: VmState) -> Option<Refusal> {
        match self {
            Operation::Rename => state.is_active().then_some(Refusal::RenameActive(state)),
            Operation::Clone => state.is_active().then_some(Refusal::CloneActive(state)),
            Operation::Start | Operation::Stop | Operation::Pause | Operation::Resume => self
                .transition()
                .and_then(|transition| state.after(transition).err()),
        }
    }
}

/// Why an operation is refused in a state: the libvirt test driver's reasons. `i18n` words
/// them for people (`Lang::explain`, `Texts::refusal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// Start on a running VM (virsh: "Domain is already active").
    AlreadyRunning,
    /// Start on a paused VM (virsh: "Domain is already active").
    PausedNotStopped,
    /// Stop, pause or resume on a stopped VM (virsh: "domain is not running").
    NotRunning,
    /// Pause on a paused VM.
    AlreadyPaused,
    /// Resume on a running VM (virsh: "domain 'x' not paused").
    NotPaused,
    /// Rename of a running or paused VM (virsh: "cannot rename active domain").
    RenameActive(VmState),
    /// Clone of a running or paused VM (virt-clone: "Domain to clone must be shutoff.").
    CloneActive(VmState),
}
