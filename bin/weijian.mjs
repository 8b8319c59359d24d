#!/usr/bin/env node
// The `weijian` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
// `draw verify` needs no database or server code: load only the standalone verifier (fast start).
if (process.argv[2] === 'draw' && process.argv[3] === 'verify') await import('../server/cli/draw-verify.ts');
else await import('../server/cli/index.ts');
