//! Documents rendered from the demo company file, read back with poppler.
