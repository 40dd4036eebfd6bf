import { describe } from 'vitest';
import { pathMatcherProperties } from './pathMatcherProperties.js';
import { describeProperties } from './vitestRunner.js';

describe('fuzz: the path matcher (CompatIndex.findOperation)', () => describeProperties(pathMatcherProperties));
