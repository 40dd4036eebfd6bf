import { describe } from 'vitest';
import { analyserProperties } from './analyserProperties.js';
import { describeProperties } from './vitestRunner.js';

describe('fuzz: the analyser on mutated and generated code', () => describeProperties(analyserProperties));
