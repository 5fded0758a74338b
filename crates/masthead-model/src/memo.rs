//! A value of each type, made once and shared across threads.
//!
//! A check shares site-wide indexes between rules, and a render shares
//! rendered bodies between renderers: both keep them in a [`TypeMemo`]
//! (`masthead_lint::SharedMemo`, `masthead_render::RenderMemo`).

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// At most one value of each type, made by the first caller that asks.
#[derive(Default)]
pub struct TypeMemo {
    values: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl std::fmt::Debug for TypeMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TypeMemo")
    }
}

impl TypeMemo {
    /// The memo's value of type `T`, made by `init` if there is none yet.
    /// `init` runs outside the memo's lock, so it may ask the memo for
    /// other values; two threads asking at once may both run it (each gets
    /// its own result, and the first one kept is what later callers get).
    pub fn get_or_init<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        let id = TypeId::of::<T>();
        // A poisoned lock only means a caller panicked; the map itself is
        // always consistent.
        let cached = self
            .values
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned();
        if let Some(Ok(v)) = cached.map(|v| v.downcast::<T>()) {
            return v;
        }
        let made = Arc::new(init());
        self.values
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(id)
            .or_insert_with(|| made.clone());
        made
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_type_and_nested_asks_work() {
        let memo = TypeMemo::default();
        let a = memo.get_or_init(|| 1u32);
        let b = memo.get_or_init(|| 2u32);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(*b, 1);
        // `init` may ask for another type while it runs.
        let s = memo.get_or_init(|| format!("{}", memo.get_or_init(|| 7u64)));
        assert_eq!(*s, "7");
        assert_eq!(*memo.get_or_init(|| 0u64), 7);
    }
}
