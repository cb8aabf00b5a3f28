// Scenarios that report rows of their own after the built-in rows 1–8 (bench/run.ts): register one by listing it here.
import type {Scenario} from '../lib/scenario.js';
import {searchScenario} from './search.js';

export const scenarios: readonly Scenario[] = [searchScenario];
