// src/index.d.ts compiles and types the API as documented: test/fixtures/types-check.ts is
// type-checked with the TypeScript compiler that jco's dependencies bring along (skipped when
// it is absent: it is not a dependency of ours).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { PACKAGE_DIR } from './support.mjs';

const TSC = path.join(PACKAGE_DIR, 'node_modules', 'typescript-compiler-api', 'bin', 'tsc');

test('index.d.ts types the API', { skip: existsSync(TSC) ? false : 'no TypeScript compiler in node_modules' }, () => {
  const r = spawnSync(process.execPath, [
    TSC, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', path.join(PACKAGE_DIR, 'test', 'fixtures', 'types-check.ts'),
  ], { encoding: 'utf8', cwd: PACKAGE_DIR });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
