//! Property test: random sequences of operations against a small reference model. After every
//! step the manager's observable state equals the model's, and so does a manager restored
//! from a state at the end.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use proptest::prelude::*;
use vm_playground::manager::Usage;
use vm_playground::{ConfigUpdate, MockVmManager, VmConfig, VmError, VmManager, VmState};

const NAMES: [&str; 4] = ["a", "b-2", "веб", "z.9"];
const MEMORY: [u64; 3] = [512, 1024, 2048];

/// A config for name `NAMES[name]` with `MEMORY[memory]`, or an invalid one (memory 0).
#[derive(Debug, Clone)]
struct Cfg {
    name: usize,
    memory: usize,
    valid: bool,
}

impl Cfg {
    fn build(&self) -> VmConfig {
        VmConfig {
            name: NAMES[self.name].to_owned(),
            memory: if self.valid { MEMORY[self.memory] } else { 0 },
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    Create(Cfg),
    Define(Cfg),
    Start(usize),
    Stop(usize),
    Pause(usize),
    Resume(usize),
    Delete(usize),
    /// Update `NAMES[.0]` to the config (which may rename it).
    Update(usize, Cfg),
    Discard(usize),
}

fn name_index() -> impl Strategy<Value = usize> {
    0..NAMES.len()
}

fn cfg() -> impl Strategy<Value = Cfg> {
    (name_index(), 0..MEMORY.len(), prop::bool::weighted(0.9)).prop_map(|(name, memory, valid)| {
        Cfg {
            name,
            memory,
            valid,
        }
    })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => cfg().prop_map(Op::Create),
        2 => cfg().prop_map(Op::Define),
        2 => name_index().prop_map(Op::Start),
        2 => name_index().prop_map(Op::Stop),
        2 => name_index().prop_map(Op::Pause),
        2 => name_index().prop_map(Op::Resume),
        1 => name_index().prop_map(Op::Delete),
        // Mostly the same name (a memory change), sometimes another (a rename).
        3 => (name_index(), cfg(), prop::bool::weighted(0.7)).prop_map(|(from, mut to, same)| {
            if same {
                to.name = from;
            }
            Op::Update(from, to)
        }),
        1 => name_index().prop_map(Op::Discard),
    ]
}

#[derive(Debug, Clone, PartialEq)]
struct ModelVm {
    config: VmConfig,
    state: VmState,
    pending: Option<VmConfig>,
    revision: u64,
}

/// The reference: the Semantics section, written as plainly as possible.
#[derive(Debug, Default)]
struct Model {
    vms: BTreeMap<String, ModelVm>,
}

/// What a call returned, reduced to what the model predicts.
#[derive(Debug, PartialEq)]
enum Outcome {
    Done,
    Update(ConfigUpdate),
    Discarded(bool),
    Refused(&'static str),
}

fn refused(code: &'static str) -> Outcome {
    Outcome::Refused(code)
}

impl Model {
    fn insert(&mut self, cfg: &Cfg, state: VmState) -> Outcome {
        if !cfg.valid {
            return refused("InvalidConfig");
        }
        let config = cfg.build();
        if self.vms.contains_key(&config.name) {
            return refused("AlreadyExists");
        }
        self.vms.insert(
            config.name.clone(),
            ModelVm {
                config,
                state,
                pending: None,
                revision: 1,
            },
        );
        Outcome::Done
    }

    /// Moves `NAMES[i]` to `next(state)`, or refuses when that is `None`.
    fn transition(&mut self, i: usize, next: fn(VmState) -> Option<VmState>) -> Outcome {
        let Some(vm) = self.vms.get_mut(NAMES[i]) else {
            return refused("NotFound");
        };
        let Some(next) = next(vm.state) else {
            return refused("InvalidTransition");
        };
        vm.state = next;
        vm.revision += 1;
        if next == VmState::Stopped {
            if let Some(pending) = vm.pending.take() {
                vm.config = pending;
            }
        }
        Outcome::Done
    }

    fn apply(&mut self, op: &Op) -> Outcome {
        use VmState::*;
        match op {
            Op::Create(cfg) => self.insert(cfg, Running),
            Op::Define(cfg) => self.insert(cfg, Stopped),
            Op::Start(i) => self.transition(*i, |s| (s == Stopped).then_some(Running)),
            Op::Stop(i) => self.transition(*i, |s| (s != Stopped).then_some(Stopped)),
            Op::Pause(i) => self.transition(*i, |s| (s == Running).then_some(Paused)),
            Op::Resume(i) => self.transition(*i, |s| (s == Paused).then_some(Running)),
            Op::Delete(i) => match self.vms.remove(NAMES[*i]) {
                Some(_) => Outcome::Done,
                None => refused("NotFound"),
            },
            Op::Update(i, cfg) => {
                // Validation comes first, then the lookup.
                if !cfg.valid {
                    return refused("InvalidConfig");
                }
                let name = NAMES[*i];
                let config = cfg.build();
                let Some(vm) = self.vms.get(name) else {
                    return refused("NotFound");
                };
                let renamed = config.name != name;
                if renamed && vm.state != Stopped {
                    return refused("InvalidTransition");
                }
                if renamed && self.vms.contains_key(&config.name) {
                    return refused("AlreadyExists");
                }
                let mut vm = self.vms.remove(name).unwrap();
                let outcome = if vm.state == Stopped {
                    if vm.config == config {
                        ConfigUpdate::Unchanged
                    } else {
                        vm.config = config;
                        vm.revision += 1;
                        ConfigUpdate::Applied
                    }
                } else {
                    let pending = if vm.config == config {
                        None
                    } else {
                        Some(config)
                    };
                    let outcome = if pending.is_some() {
                        ConfigUpdate::Pending
                    } else {
                        ConfigUpdate::Unchanged
                    };
                    if vm.pending != pending {
                        vm.pending = pending;
                        vm.revision += 1;
                    }
                    outcome
                };
                self.vms.insert(vm.config.name.clone(), vm);
                Outcome::Update(outcome)
            }
            Op::Discard(i) => match self.vms.get_mut(NAMES[*i]) {
                None => refused("NotFound"),
                Some(vm) => {
                    let had = vm.pending.take().is_some();
                    if had {
                        vm.revision += 1;
                    }
                    Outcome::Discarded(had)
                }
            },
        }
    }
}

fn outcome<T>(result: Result<T, VmError>, ok: impl FnOnce(T) -> Outcome) -> Outcome {
    match result {
        Ok(value) => ok(value),
        Err(error) => Outcome::Refused(error.code()),
    }
}

fn run(manager: &MockVmManager, op: &Op) -> Outcome {
    let done = |()| Outcome::Done;
    match op {
        Op::Create(cfg) => outcome(manager.create_vm(cfg.build()), done),
        Op::Define(cfg) => outcome(manager.define_vm(cfg.build()), done),
        Op::Start(i) => outcome(manager.start_vm(NAMES[*i]), done),
        Op::Stop(i) => outcome(manager.stop_vm(NAMES[*i]), done),
        Op::Pause(i) => outcome(manager.pause_vm(NAMES[*i]), done),
        Op::Resume(i) => outcome(manager.resume_vm(NAMES[*i]), done),
        Op::Delete(i) => outcome(manager.delete_vm(NAMES[*i]), done),
        Op::Update(i, cfg) => outcome(
            manager.update_vm_config(NAMES[*i], cfg.build()),
            Outcome::Update,
        ),
        Op::Discard(i) => outcome(manager.discard_pending(NAMES[*i]), Outcome::Discarded),
    }
}

/// The manager's observable state equals the model's.
fn assert_matches(manager: &MockVmManager, model: &Model) -> Result<(), TestCaseError> {
    let names: Vec<String> = model.vms.keys().cloned().collect();
    prop_assert_eq!(manager.list_vms().unwrap(), names);
    for (name, expected) in &model.vms {
        let info = manager.get_vm_info(name).unwrap();
        prop_assert_eq!(&info.config, &expected.config, "config of {}", name);
        prop_assert_eq!(info.state, expected.state, "state of {}", name);
        prop_assert_eq!(&info.pending, &expected.pending, "pending of {}", name);
        prop_assert_eq!(info.revision, expected.revision, "revision of {}", name);
        prop_assert_eq!(manager.get_vm_state(name).unwrap(), expected.state);
    }
    for name in NAMES {
        if !model.vms.contains_key(name) {
            prop_assert_eq!(
                manager.get_vm_info(name).unwrap_err(),
                VmError::NotFound {
                    name: name.to_owned()
                }
            );
        }
    }
    // The manager keeps what its VMs hold as they change (admission reads it on every create
    // and start): it is always the sum over every VM.
    let infos = manager.list_vm_infos().unwrap();
    prop_assert_eq!(manager.host_info().unwrap().usage, Usage::of(&infos));
    Ok(())
}

proptest! {
    // 256 cases by default (a fraction of a second); PROPTEST_CASES=20000 for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn manager_follows_the_model(ops in prop::collection::vec(op(), 1..60)) {
        let manager = MockVmManager::new();
        let mut model = Model::default();
        for (step, op) in ops.iter().enumerate() {
            let expected = model.apply(op);
            let got = run(&manager, op);
            prop_assert_eq!(got, expected, "step {}: {:?}", step, op);
            assert_matches(&manager, &model)?;
        }

        let state = manager.saved_state().unwrap();
        let json = serde_json::to_string(&state).unwrap();
        let restored = MockVmManager::new();
        restored.restore(serde_json::from_str(&json).unwrap()).unwrap();
        assert_matches(&restored, &model)?;
        prop_assert_eq!(restored.saved_state().unwrap(), state);

        // The restored manager keeps following the model.
        for op in ops.iter().rev().take(10) {
            let expected = model.apply(op);
            prop_assert_eq!(run(&restored, op), expected, "after restore: {:?}", op);
            assert_matches(&restored, &model)?;
        }
    }
}
