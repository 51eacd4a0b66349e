//! The chain's state: one ordered key-value store per contract plus an undo journal.
//!
//! Every write records the previous value; a checkpoint is a journal length, and rolling back replays
//! the journal backwards to it. Nested checkpoints give wasmd's semantics without copying state: a
//! failed sub-message rolls back its own writes and its descendants', a failed transaction rolls back
//! everything. A successful transaction [`World::finalize`]s: the journal is dropped.

use std::collections::BTreeMap;
use std::ops::Bound;

use cosmwasm_std::Order;

/// Index of one contract's store.
pub type StoreId = usize;

/// A journal position to roll back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpoint(usize);

#[derive(Debug, Clone)]
enum Undo {
    /// Restore `key` of `store` to `previous` (`None`: delete it).
    Value { store: StoreId, key: Vec<u8>, previous: Option<Vec<u8>> },
    /// Undo the creation of `store`.
    Created { store: StoreId },
}

#[derive(Debug, Default, Clone)]
struct Store {
    data: BTreeMap<Vec<u8>, Vec<u8>>,
    alive: bool,
}

#[derive(Debug, Default, Clone)]
pub struct World {
    stores: Vec<Store>,
    journal: Vec<Undo>,
}

impl World {
    pub fn new() -> Self {
        Self::default()
    }

    /// Creates an empty store (undone by rolling back past this point).
    pub fn create_store(&mut self) -> StoreId {
        let id = self.stores.len();
        self.stores.push(Store { data: BTreeMap::new(), alive: true });
        self.journal.push(Undo::Created { store: id });
        id
    }

    /// False once the creation of `store` was rolled back.
    pub fn is_alive(&self, store: StoreId) -> bool {
        self.stores.get(store).is_some_and(|s| s.alive)
    }

    fn store(&self, store: StoreId) -> Option<&Store> {
        self.stores.get(store).filter(|s| s.alive)
    }

    pub fn get(&self, store: StoreId, key: &[u8]) -> Option<&[u8]> {
        self.store(store).and_then(|s| s.data.get(key)).map(Vec::as_slice)
    }

    /// Writes `value` under `key`; returns false when `store` does not exist.
    pub fn set(&mut self, store: StoreId, key: &[u8], value: &[u8]) -> bool {
        let Some(s) = self.stores.get_mut(store).filter(|s| s.alive) else {
            return false;
        };
        let previous = s.data.insert(key.to_vec(), value.to_vec());
        self.journal.push(Undo::Value { store, key: key.to_vec(), previous });
        true
    }

    /// Deletes `key` (a no-op on an absent key, still journaled); false when `store` does not exist.
    pub fn remove(&mut self, store: StoreId, key: &[u8]) -> bool {
        let Some(s) = self.stores.get_mut(store).filter(|s| s.alive) else {
            return false;
        };
        let previous = s.data.remove(key);
        self.journal.push(Undo::Value { store, key: key.to_vec(), previous });
        true
    }

    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint(self.journal.len())
    }

    /// Undoes every change made since `cp` (newest first).
    pub fn rollback(&mut self, cp: Checkpoint) {
        while self.journal.len() > cp.0 {
            match self.journal.pop() {
                Some(Undo::Value { store, key, previous }) => {
                    if let Some(s) = self.stores.get_mut(store) {
                        match previous {
                            Some(v) => s.data.insert(key, v),
                            None => s.data.remove(&key),
                        };
                    }
                }
                Some(Undo::Created { store }) => {
                    if let Some(s) = self.stores.get_mut(store) {
                        s.alive = false;
                        s.data.clear();
                    }
                }
                None => break,
            }
        }
    }

    /// Keeps the changes since `cp`. The journal stays, so an enclosing checkpoint can still roll
    /// them back (a sub-message that succeeded inside one that fails).
    pub fn commit(&mut self, cp: Checkpoint) {
        debug_assert!(cp.0 <= self.journal.len());
    }

    /// Ends a successful transaction: nothing can roll back any more, the journal is dropped.
    pub fn finalize(&mut self) {
        self.journal.clear();
    }

    /// Journal length (changes an enclosing rollback would undo).
    pub fn journal_len(&self) -> usize {
        self.journal.len()
    }

    /// The next item of a range scan in `[start, end)` in `order`, strictly after `last` (the key
    /// the scan returned before; `None` for the first item). Scans see writes made after they began.
    pub fn next_in_range(
        &self,
        store: StoreId,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
        last: Option<&[u8]>,
    ) -> Option<(Vec<u8>, Vec<u8>)> {
        let data = &self.store(store)?.data;
        let lower: Bound<&[u8]> = match order {
            Order::Ascending => match last {
                Some(l) => Bound::Excluded(l),
                None => start.map_or(Bound::Unbounded, Bound::Included),
            },
            Order::Descending => start.map_or(Bound::Unbounded, Bound::Included),
        };
        let upper: Bound<&[u8]> = match order {
            Order::Ascending => end.map_or(Bound::Unbounded, Bound::Excluded),
            Order::Descending => match last {
                Some(l) => Bound::Excluded(l),
                None => end.map_or(Bound::Unbounded, Bound::Excluded),
            },
        };
        if let (Bound::Included(lo) | Bound::Excluded(lo), Bound::Included(hi) | Bound::Excluded(hi)) = (lower, upper) {
            if lo > hi || (lo == hi && !matches!((lower, upper), (Bound::Included(_), Bound::Included(_)))) {
                return None;
            }
        }
        let mut range = data.range::<[u8], _>((lower, upper));
        let item = match order {
            Order::Ascending => range.next(),
            Order::Descending => range.next_back(),
        };
        item.map(|(k, v)| (k.clone(), v.clone()))
    }

    /// Every entry of a store, in key order.
    pub fn dump(&self, store: StoreId) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.store(store).map(|s| s.data.iter().map(|(k, v)| (k.clone(), v.clone())).collect()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world_with(entries: &[(&str, &str)]) -> (World, StoreId) {
        let mut w = World::new();
        let s = w.create_store();
        for (k, v) in entries {
            w.set(s, k.as_bytes(), v.as_bytes());
        }
        w.finalize();
        (w, s)
    }

    fn get(w: &World, s: StoreId, k: &str) -> Option<String> {
        w.get(s, k.as_bytes()).map(|v| String::from_utf8_lossy(v).into_owned())
    }

    #[test]
    fn rollback_restores_values_deletions_and_insertions() {
        let (mut w, s) = world_with(&[("a", "1"), ("b", "2")]);
        let before = w.dump(s);
        let cp = w.checkpoint();
        w.set(s, b"a", b"10");
        w.remove(s, b"b");
        w.set(s, b"c", b"3");
        w.set(s, b"c", b"4");
        w.remove(s, b"missing");
        assert_eq!(get(&w, s, "a").as_deref(), Some("10"));
        assert_eq!(get(&w, s, "b"), None);
        w.rollback(cp);
        assert_eq!(w.dump(s), before);
        assert_eq!(w.journal_len(), 0);
    }

    #[test]
    fn nested_rollback_keeps_the_outer_writes() {
        let (mut w, s) = world_with(&[("a", "1")]);
        let outer = w.checkpoint();
        w.set(s, b"a", b"outer");
        let inner = w.checkpoint();
        w.set(s, b"a", b"inner");
        w.set(s, b"x", b"inner");
        w.rollback(inner);
        assert_eq!(get(&w, s, "a").as_deref(), Some("outer"));
        assert_eq!(get(&w, s, "x"), None);
        // an inner commit can still be undone by the outer rollback
        let inner2 = w.checkpoint();
        w.set(s, b"y", b"kept by inner");
        w.commit(inner2);
        assert_eq!(get(&w, s, "y").as_deref(), Some("kept by inner"));
        w.rollback(outer);
        assert_eq!(w.dump(s), vec![(b"a".to_vec(), b"1".to_vec())]);
    }

    #[test]
    fn a_commit_at_the_start_of_the_journal_is_still_undoable() {
        // a sub-message that succeeds as the first change of a transaction which then fails
        let (mut w, s) = world_with(&[]);
        let tx = w.checkpoint();
        let sub = w.checkpoint();
        assert_eq!(tx, sub);
        w.set(s, b"k", b"v");
        w.commit(sub);
        assert_eq!(w.journal_len(), 1);
        w.rollback(tx);
        assert_eq!(get(&w, s, "k"), None);
    }

    #[test]
    fn finalize_forgets_the_journal() {
        let (mut w, s) = world_with(&[]);
        let cp = w.checkpoint();
        w.set(s, b"k", b"v");
        w.finalize();
        assert_eq!(w.journal_len(), 0);
        w.rollback(cp);
        assert_eq!(get(&w, s, "k").as_deref(), Some("v"));
    }

    #[test]
    fn rolled_back_store_creation_kills_the_store() {
        let (mut w, s) = world_with(&[("a", "1")]);
        let cp = w.checkpoint();
        let t = w.create_store();
        assert!(w.set(t, b"k", b"v"));
        w.set(s, b"a", b"2");
        w.rollback(cp);
        assert!(!w.is_alive(t));
        assert!(w.is_alive(s));
        assert_eq!(w.get(t, b"k"), None);
        assert!(!w.set(t, b"k", b"v"));
        assert!(!w.remove(t, b"k"));
        assert_eq!(get(&w, s, "a").as_deref(), Some("1"));
    }

    #[test]
    fn stores_are_isolated() {
        let mut w = World::new();
        let (a, b) = (w.create_store(), w.create_store());
        w.set(a, b"k", b"a");
        w.set(b, b"k", b"b");
        assert_eq!(w.get(a, b"k"), Some(&b"a"[..]));
        assert_eq!(w.get(b, b"k"), Some(&b"b"[..]));
        w.remove(a, b"k");
        assert_eq!(w.get(b, b"k"), Some(&b"b"[..]));
    }

    fn scan(w: &World, s: StoreId, start: Option<&str>, end: Option<&str>, order: Order) -> Vec<String> {
        let mut out = vec![];
        let mut last: Option<Vec<u8>> = None;
        while let Some((k, _)) =
            w.next_in_range(s, start.map(str::as_bytes), end.map(str::as_bytes), order, last.as_deref())
        {
            out.push(String::from_utf8_lossy(&k).into_owned());
            last = Some(k);
        }
        out
    }

    #[test]
    fn range_scans_in_both_orders() {
        let (w, s) = world_with(&[("a", ""), ("b", ""), ("c", ""), ("d", "")]);
        assert_eq!(scan(&w, s, None, None, Order::Ascending), ["a", "b", "c", "d"]);
        assert_eq!(scan(&w, s, Some("b"), Some("d"), Order::Ascending), ["b", "c"]);
        assert_eq!(scan(&w, s, None, None, Order::Descending), ["d", "c", "b", "a"]);
        assert_eq!(scan(&w, s, Some("b"), Some("d"), Order::Descending), ["c", "b"]);
        assert!(scan(&w, s, Some("c"), Some("b"), Order::Ascending).is_empty());
        assert!(scan(&w, s, Some("c"), Some("c"), Order::Descending).is_empty());
    }
}
