//! The allocator the command line and the benchmark run with: mimalloc, told
//! to hand freed memory back to the system promptly.
//!
//! Why: a run makes and frees millions of small strings and vectors, and with
//! glibc's malloc about a quarter of its CPU went to malloc and free. mimalloc
//! does the same work in less time, but with its defaults it keeps freed
//! memory for a second and commits whole arenas up front, which raised the
//! peak from 220 to 300 MiB on the beta corpus. Purging freed pages after a
//! few milliseconds and committing arena memory only as it is used brings the
//! peak below glibc's (about 175 MiB) and keeps most of the speed.
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
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 5);
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
