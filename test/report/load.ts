import { readFileSync } from 'node:fs';
import type { Registry } from '../../src/model/registry.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { fixture } from '../helpers/paths.js';

/** The hand-written registry of the report tests: what rustc 1.95.0 says about the fixture's gates. */
export const registry = (): Registry => JSON.parse(readFileSync(fixture('report', 'registry-rustc-1.95.json'), 'utf8')) as Registry;

/** A hand-written scan document under fixtures/report/<case>/scan.json. */
export const scanOf = (name: string): ScanSnapshot => JSON.parse(readFileSync(fixture('report', name, 'scan.json'), 'utf8')) as ScanSnapshot;
