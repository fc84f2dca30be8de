#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS entry point of node, loading tsx first */
/* global require */
// The `orchestrator` command (apps/cli/src/cli): TypeScript run through tsx, as every start script of the project.
require('tsx/cjs');
require('../src/cli/main.ts');
