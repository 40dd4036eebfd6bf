// ts-morph is a CommonJS bundle. Imported as an ES module, Node 20 lexes it, and every module it
// requires (TypeScript's 9 MB among them), for named exports before running it; required, it runs
// at once. On a scan that is a tenth of a second or more of start-up.
import tsMorph = require('ts-morph');

export import Node = tsMorph.Node;
export import Project = tsMorph.Project;
export import SyntaxKind = tsMorph.SyntaxKind;
export import ts = tsMorph.ts;
