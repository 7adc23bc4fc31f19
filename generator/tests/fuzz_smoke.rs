//! The fuzz targets' checks (`mdbind::fuzzing`) on stable, deterministically:
//! every seed page, every fixture page and the fuzz corpus as they are, then
//! mutations of them from a fixed-seed generator (bytes flipped, inserted,
//! deleted, lines repeated, text cut short). `cargo fuzz` explores further;
//! this keeps what it found fixed.

use std::path::{Path, PathBuf};

/// A small fixed-seed generator (xorshift64*): the same mutations every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that make markdown and JSON structure: mutations insert these.
const STRUCTURE: &[&[u8]] = &[
    b"|",
    b"\n",
    b"```",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b"#",
    b"## ",
    b"<!--",
    b"-->",
    b"`",
    b"*",
    b"(",
    b")",
    b"/",
    b"{id}",
    b":",
    b"\\",
    b"\r\n",
    b"\xc2\xa0",
    b"\xff",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let piece = STRUCTURE[rng.below(STRUCTURE.len())];
                out.splice(at..at, piece.iter().copied());
            }
            2 => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            3 => {
                // Repeat the line `at` is in.
                let start = out[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = out[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(out.len(), |i| at + i + 1);
                let line = out[start..end].to_vec();
                out.splice(end..end, line);
            }
            4 => out.truncate(at),
            _ => {
                // Swap two bytes.
                if out.len() > 1 {
                    let j = rng.below(out.len());
                    let i = at.min(out.len() - 1);
                    out.swap(i, j);
                }
            }
        }
    }
    out
}

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn fuzz_checks_hold_on_seeds_fixtures_and_their_mutations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    for dir in ["../docs-input", "tests/fixtures", "../fuzz/corpus"] {
        pages(&root.join(dir), &mut inputs);
    }
    inputs.sort();
    let inputs: Vec<Vec<u8>> = inputs.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(
        inputs.len() >= 20,
        "the seeds and fixtures are there: {}",
        inputs.len()
    );
    for input in &inputs {
        mdbind::fuzzing::page(input);
        mdbind::fuzzing::pipeline(input);
    }
    let mut rng = Rng(0x6d64_6269_6e64);
    let mut runs = 0;
    for _ in 0..1500 {
        let input = &inputs[rng.below(inputs.len())];
        let mutated = mutate(&mut rng, input);
        mdbind::fuzzing::pipeline(&mutated);
        runs += 1;
    }
    eprintln!(
        "fuzz smoke: {} inputs as they are, {runs} mutations",
        inputs.len()
    );
}
