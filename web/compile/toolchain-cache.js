/**
 * toolchain-cache.js - where the in-browser toolchain is kept: Cache Storage
 * entries named PREFIX + its version (compile-worker.js writes them; the page
 * only asks whether any exists before it starts a worker to warm one up).
 */
export const TOOLCHAIN_CACHE_PREFIX = 'async-c-toolchain-';
