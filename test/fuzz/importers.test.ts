import { describe } from 'vitest';
import { importerProperties } from './importerProperties.js';
import { describeProperties } from './vitestRunner.js';

describe('fuzz: the pre-filter reading importers by their tokens', () => describeProperties(importerProperties));
