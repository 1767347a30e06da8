#!/usr/bin/env node
/** `aliexpress-doctor`: sign, diagnose and check AliExpress Open Platform requests. */
import { readFileSync } from 'node:fs';
import { runDoctor } from '../src/doctor/doctor.cli.js';

void runDoctor(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  readFile: (path) => readFileSync(path, 'utf8'),
  now: () => Date.now(),
  fetch,
}).then((code) => {
  process.exitCode = code;
});
