//! A value of each type, made once and shared across threads.
//!
//! A check shares site-wide indexes between rules, and a render shares
//! rendered bodies between renderers: both keep them in a [`TypeMemo`]
//! (`masthead_lint::SharedMemo`, `masthead_render::RenderMemo`).

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// At most one value of each type, made by the first caller that asks.
#[derive(Default)]
pub struct TypeMemo {
    values: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
    /// For [`TypeMemo::get_or_wait`]: one cell per type, filled once.
    cells: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
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

    /// The memo's value of type `T`, made by `init` exactly once: callers
    /// asking while another thread runs `init` wait for its result instead
    /// of making their own (two rules starting together would otherwise
    /// build one index twice, each on its own core).
    ///
    /// `init` may ask for values of other types, but must not use rayon
    /// (`par_iter`, `join`): while it waited for its own parallel work, the
    /// thread running it could pick up a job asking for this same value and
    /// wait on itself. Use [`TypeMemo::get_or_init`] for parallel `init`s.
    /// Values of one type are kept apart from `get_or_init`'s.
    pub fn get_or_wait<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        let cell = self
            .cells
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(OnceLock::<Arc<T>>::new()))
            .clone();
        match cell.downcast::<OnceLock<Arc<T>>>() {
            Ok(cell) => cell.get_or_init(|| Arc::new(init())).clone(),
            // Cannot happen: the cell was made for `T`'s `TypeId`.
            Err(_) => Arc::new(init()),
        }
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

    #[test]
    fn waiting_callers_share_one_value_made_once() {
        let memo = TypeMemo::default();
        let made = std::sync::atomic::AtomicUsize::new(0);
        let values: Vec<Arc<String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        memo.get_or_wait(|| {
                            made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(20));
                            // Nested asks for other types work.
                            format!("{}", memo.get_or_wait(|| 7u64))
                        })
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(made.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert!(
            values
                .iter()
                .all(|v| Arc::ptr_eq(v, &values[0]) && **v == "7")
        );
    }
}
