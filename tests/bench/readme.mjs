#!/usr/bin/env node
/**
 * readme.mjs - puts build/bench/report.md (make bench's last run) into
 * README's "Benchmarks" section, between its bench markers, as it stands:
 *   make bench && node tests/bench/readme.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../browser/browser.js';

const BEGIN = '<!-- bench: the last make bench, put here by node tests/bench/readme.mjs -->';
const END = '<!-- /bench -->';
const readme = join(ROOT, 'README.md');
const text = readFileSync(readme, 'utf8');
const report = readFileSync(join(ROOT, 'build', 'bench', 'report.md'), 'utf8').replace(/^# Benchmarks\n+/, '').trim();
const a = text.indexOf(BEGIN), b = text.indexOf(END);
if (a < 0 || b < a) throw new Error(`README.md has no ${BEGIN} ... ${END}`);
writeFileSync(readme, `${text.slice(0, a + BEGIN.length)}\n${report}\n${text.slice(b)}`);
console.log(`README.md: the Benchmarks section is now build/bench/report.md (${report.split('\n')[0].slice(0, 80)}...)`);
