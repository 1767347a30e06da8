#!/usr/bin/env node
/** `aliexpress-mock-gateway`: the strict mock gateway as a standalone process (`--help`). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMockGatewayProcess } from '../testing/mock-gateway.command.js';

/** The published manifest beside bin/, or the repository's manifest of the package. */
function packageVersion(): string {
  for (const name of ['package.json', 'package.publish.json']) {
    const path = join(__dirname, '..', name);
    if (existsSync(path))
      return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

void runMockGatewayProcess(packageVersion());
