/**
 * The one mapping between architecture names: the kernel's (`arch/<name>/`, `$(ARCH)`, what `--arch` shows) and
 * Rust's `target_arch` values (https://doc.rust-lang.org/reference/conditional-compilation.html#target_arch),
 * which `cfg_attr(target_arch = "...")` and Cargo's `[target.<triple>]` tables use. Every architecture a report
 * names is a kernel name; a Rust name, or a triple's first part, is mapped to it here and nowhere else.
 */

/** One kernel architecture and the Rust `target_arch` values it builds for. */
export interface ArchNames {
  /** Directory under `arch/`: the name reports use. */
  kernel: string;
  /** `target_arch` values of the Rust targets this architecture builds (64-bit first). */
  rust: readonly string[];
}

/**
 * Kernel architectures and their Rust names. The kernel's `x86` covers Rust's `x86_64` and its 32-bit `x86`;
 * `um` (User-Mode Linux) builds for its host, so it has no `target_arch` of its own.
 */
export const ARCHES: readonly ArchNames[] = [
  { kernel: 'x86', rust: ['x86_64', 'x86'] },
  { kernel: 'arm64', rust: ['aarch64', 'arm64ec'] },
  { kernel: 'arm', rust: ['arm'] },
  { kernel: 'riscv', rust: ['riscv64', 'riscv32'] },
  { kernel: 'loongarch', rust: ['loongarch64', 'loongarch32'] },
  { kernel: 'powerpc', rust: ['powerpc64', 'powerpc'] },
  { kernel: 's390', rust: ['s390x'] },
  { kernel: 'mips', rust: ['mips64', 'mips', 'mips64r6', 'mips32r6'] },
  { kernel: 'sparc', rust: ['sparc64', 'sparc'] },
  { kernel: 'm68k', rust: ['m68k'] },
  { kernel: 'um', rust: [] },
];

/**
 * Names people type for an architecture that are neither the kernel's nor Rust's: Debian's and other
 * distributions' (`amd64`, `arm64` is already the kernel's), offered as a suggestion, never accepted silently.
 */
const DISTRIBUTION_NAMES: Readonly<Record<string, string>> = {
  amd64: 'x86', i386: 'x86', i686: 'x86', x64: 'x86', ia32: 'x86',
  armhf: 'arm', armel: 'arm', armv7: 'arm',
  riscv64gc: 'riscv', ppc64el: 'powerpc', ppc64le: 'powerpc', ppc64: 'powerpc', ppc: 'powerpc',
  loong64: 'loongarch', mipsel: 'mips', mips64el: 'mips',
};

/** Every name `--arch` accepts: the kernel's and Rust's. */
export const ACCEPTED_ARCH_NAMES: readonly string[] = [...new Set(ARCHES.flatMap((a) => [a.kernel, ...a.rust]))];

/**
 * The kernel name of an architecture given by its kernel name, its Rust `target_arch`, a target triple
 * (`riscv64gc-unknown-none-elf` -> `riscv`) or a triple's first part; null when it names none.
 */
export function kernelArchOf(name: string): string | null {
  const n = name.trim().toLowerCase();
  for (const a of ARCHES) if (a.kernel === n || a.rust.includes(n)) return a.kernel;
  // A triple's first part is the architecture, sometimes with a sub-architecture (`riscv64gc`, `armv7`, `i686`).
  const head = n.split('-')[0]!;
  if (head !== n) {
    const direct = kernelArchOf(head);
    if (direct) return direct;
  }
  const distro = DISTRIBUTION_NAMES[head];
  if (distro) return distro;
  // Longest Rust name first, so `riscv64gc` is riscv64's and `armv7` arm's, never a shorter name's by accident.
  const prefixes = ARCHES.flatMap((a) => a.rust.map((r) => [r, a.kernel] as const)).sort((x, y) => y[0].length - x[0].length);
  return prefixes.find(([r]) => head.startsWith(r))?.[1] ?? null;
}

/** The kernel name a distribution's architecture name stands for (`amd64` -> `x86`), for a suggestion. */
export function suggestedArchFor(name: string): string | null {
  return DISTRIBUTION_NAMES[name.trim().toLowerCase()] ?? null;
}

/** Rust `target_arch` values of a kernel architecture (empty for `um` and unknown names). */
export function rustArchesOf(kernelArch: string): readonly string[] {
  return ARCHES.find((a) => a.kernel === kernelArch)?.rust ?? [];
}
