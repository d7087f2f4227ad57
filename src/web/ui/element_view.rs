//! Views of our own that are one element kept up to date by hand (a row of the list, a chunk
//! of rows): the traits tachys asks of a view, written once.

/// Implements tachys's `Render`, `RenderHtml` and `Mountable` for `$view`, whose `build_state`
/// makes a `$state` holding its `element: web_sys::Element`. Client-side only: such a view is
/// never rendered to HTML on a server. A rebuild builds anew and puts the new element in the
/// old one's place.
macro_rules! element_view {
    ($view:ty, $state:ty) => {
        impl leptos::tachys::view::Render for $view {
            type State = $state;

            fn build(self) -> $state {
                self.build_state()
            }

            fn rebuild(self, state: &mut $state) {
                let built = self.build_state();
                let _ = state.element.replace_with_with_node_1(&built.element);
                *state = built;
            }
        }

        impl leptos::tachys::view::Mountable for $state {
            fn unmount(&mut self) {
                self.element.remove();
            }

            fn mount(&mut self, parent: &web_sys::Element, marker: Option<&web_sys::Node>) {
                let _ = parent.insert_before(&self.element, marker);
            }

            fn insert_before_this(&self, child: &mut dyn leptos::tachys::view::Mountable) -> bool {
                self.element.insert_before_this(child)
            }

            fn elements(&self) -> Vec<web_sys::Element> {
                vec![self.element.clone()]
            }
        }

        impl leptos::tachys::view::RenderHtml for $view {
            type AsyncOutput = Self;
            type Owned = Self;
            const MIN_LENGTH: usize = 0;

            fn dry_resolve(&mut self) {}

            async fn resolve(self) -> Self {
                self
            }

            fn to_html_with_buf(
                self,
                _buf: &mut String,
                _position: &mut leptos::tachys::view::Position,
                _escape: bool,
                _mark_branches: bool,
                _extra_attrs: Vec<leptos::attr::any_attribute::AnyAttribute>,
            ) {
            }

            fn hydrate<const FROM_SERVER: bool>(
                self,
                _cursor: &leptos::tachys::hydration::Cursor,
                _position: &leptos::tachys::view::PositionState,
            ) -> $state {
                self.build_state()
            }

            fn into_owned(self) -> Self {
                self
            }
        }

        leptos::tachys::no_attrs!($view);
    };
}

pub(super) use element_view;
