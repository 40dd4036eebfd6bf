import { describe } from 'vitest';
import { targetProperties } from './targetProperties.js';
import { describeProperties } from './vitestRunner.js';

describe('fuzz: target queries', () => describeProperties(targetProperties));
