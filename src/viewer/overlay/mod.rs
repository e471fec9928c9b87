//! What opens over the panes, one component each (as gitui's popups are): the [`help`] box,
//! the source [`picker`], the [`search`] and go-to ([`jump`]) prompts, the hotspot [`list`],
//! the [`filter`] panel and the [`apparatus`] panel.
//!
//! A component owns its state, turns a key into an [`Outcome`] (taken, not mine, close,
//! or a [`Request`] for the application) and draws itself, reading the rest of the state
//! through a [`Context`]. The application keeps the open
//! components in a stack: the top one gets each key first, a key it does not take goes to the
//! one below and finally to the panes; they are drawn bottom to top. Only the application
//! carries out requests, so no component changes the comparison or the scroll position itself.

pub mod apparatus;
pub mod component;
pub mod filter;
pub mod help;
pub mod jump;
pub mod list;
pub mod picker;
pub mod search;

pub use component::{Component, Context, History, Outcome, Request, remember};

/// An open component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The help box.
    Help(help::Help),
    /// The source picker.
    Picker(picker::Picker),
    /// The search prompt.
    Search(search::Prompt),
    /// The apparatus panel.
    Apparatus(apparatus::Panel),
    /// The filter panel.
    Filter(filter::Panel),
    /// The go-to prompt.
    Jump(jump::Prompt),
    /// The hotspot list.
    List(list::List),
}

impl Overlay {
    /// The component inside.
    pub fn component(&self) -> &dyn Component {
        match self {
            Overlay::Help(c) => c,
            Overlay::Picker(c) => c,
            Overlay::Search(c) => c,
            Overlay::Apparatus(c) => c,
            Overlay::Filter(c) => c,
            Overlay::Jump(c) => c,
            Overlay::List(c) => c,
        }
    }

    /// The component inside, to change.
    pub fn component_mut(&mut self) -> &mut dyn Component {
        match self {
            Overlay::Help(c) => c,
            Overlay::Picker(c) => c,
            Overlay::Search(c) => c,
            Overlay::Apparatus(c) => c,
            Overlay::Filter(c) => c,
            Overlay::Jump(c) => c,
            Overlay::List(c) => c,
        }
    }
}
