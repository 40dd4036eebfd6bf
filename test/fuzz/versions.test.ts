import { describe } from 'vitest';
import { versionProperties } from './versionProperties.js';
import { describeProperties } from './vitestRunner.js';

describe('fuzz: version parsers', () => describeProperties(versionProperties));
