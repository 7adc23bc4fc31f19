//! The allocator the command line and the benchmark run with: mimalloc, with
//! transparent huge pages off and freed memory kept for reuse a second.
//!
//! Why: a run makes and frees millions of small strings and vectors, and with
//! glibc's malloc about a quarter of its CPU went to malloc and free. mimalloc
//! does the same work in less time, but its arenas ask for transparent huge
//! pages, each counted whole, which raised the peak from 220 to 300 MiB on
//! the beta corpus; with huge pages off for the process the peak is about
//! 175 MiB. Freed memory is purged (handed back to the system) only after a
//! second, longer than a run: what one stage frees serves the next instead of
//! being faulted in again, page by page (a fifth of a run's CPU is the kernel
//! handing out fresh pages). Purging after 5 ms instead kept the peak about
//! 20 MiB lower and made `generate` 3–4 % slower.
//!
//! The library itself never picks an allocator: a `build.rs` runs with its
//! own (the system's unless the build script declares one). A build script
//! reading a large docs folder can declare this one (feature `mimalloc`):
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: mdbind::allocator::MiMalloc = mdbind::allocator::MiMalloc;
//!
//! fn main() {
//!     mdbind::allocator::tune();
//!     mdbind::Builder::new().docs("docs").generate().unwrap();
//! }
//! ```

pub use mimalloc::MiMalloc;

// mimalloc's option numbers (`mi_option_t` in mimalloc.h); libmimalloc-sys
// binds `mi_option_set` but names only the older options.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets the options above; call it first thing in `main`, before the work
/// starts (the options apply from then on).
pub fn tune() {
    // SAFETY: `mi_option_set` only stores a number in mimalloc's option
    // table; it is safe to call at any time from any thread.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 1000);
    }
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

/// Whether memory this process allocates comes from mimalloc, i.e. whether
/// [`MiMalloc`] is the global allocator (a build script can assert it).
pub fn is_global() -> bool {
    let probe = Box::new(0_u64);
    let address: *const u64 = &*probe;
    // SAFETY: asks only whether an address lies in mimalloc's heap; the
    // memory is neither read nor freed through it.
    unsafe { libmimalloc_sys::mi_is_in_heap_region(address.cast()) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_system_allocator_is_not_taken_for_mimalloc() {
        // Tests run on the system's allocator (only the CLI and the bench
        // declare mimalloc); `tests/build_script.rs` checks the other way.
        assert!(!super::is_global());
    }
}
