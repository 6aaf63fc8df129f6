// Package hugepage asks the kernel to back the large arrays a run keeps
// until it ends with transparent huge pages.
//
// A national survey (10,786 municipalities × 200 questions) is held whole:
// its text (19 MB), the answers' string headers (35 MB) and the node
// scores (52 MB). Each 4 KiB page of that memory costs a page fault the
// first time it is written, and for `reifegrad check` those 38,600 faults
// were a third of its CPU time. A huge page is
// one fault for 2 MiB.
//
// Go's runtime marked its whole heap for huge pages in Go 1.21.0 and has
// not asked for them since Go 1.21.4 (golang/go#61718, #64332): small
// heaps grew, and on many kernels a first touch of such memory can stall
// while the kernel compacts memory to find a free huge page. Here only
// arrays of at least one huge page are advised, all of them written
// through and kept until the run ends, the case huge pages suit. Whether
// a fault may wait for compaction is the machine's setting
// (/sys/kernel/mm/transparent_hugepage/defrag); "never" in .../enabled
// turns huge pages off for every process, this one included.
//
// Advise is a hint and changes no value: where there are no transparent
// huge pages, where they are off ("never"), on other systems, or for an
// array smaller than a huge page, nothing happens. It is a leaf package
// with no domain, as golang.org/x/sys is; scoring may import it without
// depending on any other package of ours.
package hugepage

// Size is the span Advise works in: the huge page of x86-64 and of
// arm64 with 4 KiB pages. On a kernel whose huge pages are larger, an
// advised range may hold none whole, and nothing changes.
const Size = 2 << 20
